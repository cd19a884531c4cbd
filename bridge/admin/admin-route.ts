// GET / (the status page), GET/POST /login, POST /logout. A script passes `Authorization: Bearer <API token>`;
// a browser logs in once with an API token and then carries the admin session cookie. Without either, GET /
// shows the login form and no data.
import { type Context, Hono } from "hono";
import type { Logger } from "pino";
import { tokenMatcher } from "../api/bearer-auth.ts";
import {
  type AdminSessions,
  endAdminSession,
  hasAdminSession,
  issueAdminSession,
} from "./admin-session.ts";
import {
  createLoginRateLimit,
  type LoginRateLimit,
} from "./login-rate-limit.ts";
import type { StatusData } from "./collect-status.ts";
import type { StatusDoctor } from "./status-doctor.ts";
import { renderLoginPage, renderStatusPage } from "./status-page.ts";

/** Nothing but inline styles: no script, no frame, no request anywhere else; forms post to the bridge only. */
const HEADERS = {
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
};

/** Longest login form body read (a token is well under a kilobyte). */
const MAX_LOGIN_BYTES = 4096;

export interface AdminRouteOptions {
  apiTokens: readonly string[];
  sessions: AdminSessions;
  collect: () => Promise<StatusData>;
  doctor: StatusDoctor;
  version: string;
  startedAt: Date;
  logger: Logger;
  now?: () => Date;
  rateLimit?: LoginRateLimit;
}

function clientKey(c: Context): string {
  // @hono/node-server passes the Node request as `incoming`; in-process requests (tests) have none.
  const incoming = (c.env as
    | { incoming?: { socket?: { remoteAddress?: string } } }
    | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? "local";
}

export function adminRoute(
  {
    apiTokens,
    sessions,
    collect,
    doctor,
    version,
    startedAt,
    logger,
    now = () => new Date(),
    rateLimit = createLoginRateLimit(),
  }: AdminRouteOptions,
): Hono {
  const app = new Hono();
  const matches = tokenMatcher(apiTokens);
  const html = (
    c: Context,
    body: string,
    status: 200 | 400 | 401 | 429 = 200,
  ) => c.html(body, status, HEADERS);

  app.get("/", async (c) => {
    const authorization = c.req.header("authorization");
    if (authorization !== undefined) {
      const [scheme, token] = authorization.split(" ");
      if (scheme?.toLowerCase() !== "bearer" || !token || !matches(token)) {
        return c.json({ error: "missing or invalid bearer token" }, 401, {
          "WWW-Authenticate": 'Bearer realm="pagerslack"',
        });
      }
    } else if (!hasAdminSession(c, sessions)) {
      return html(c, renderLoginPage());
    }
    const [data, findings] = await Promise.all([collect(), doctor.findings()]);
    return html(
      c,
      renderStatusPage({ data, findings, version, startedAt, now: now() }),
    );
  });

  app.get(
    "/login",
    (c) =>
      hasAdminSession(c, sessions)
        ? c.redirect("/", 303)
        : html(c, renderLoginPage()),
  );

  app.post("/login", async (c) => {
    const key = clientKey(c);
    const waitMs = rateLimit.blockedFor(key);
    if (waitMs !== null) {
      return html(
        c,
        renderLoginPage({
          message: `Too many failed attempts: try again in ${
            Math.ceil(waitMs / 60_000)
          } min.`,
        }),
        429,
      );
    }
    const type = c.req.header("content-type") ?? "";
    const declared = Number(c.req.header("content-length") ?? "0");
    if (
      !type.startsWith("application/x-www-form-urlencoded") ||
      declared > MAX_LOGIN_BYTES
    ) {
      return html(c, renderLoginPage({ message: "Send the login form." }), 400);
    }
    const raw = await c.req.text();
    const token = raw.length > MAX_LOGIN_BYTES
      ? ""
      : new URLSearchParams(raw).get("token") ?? "";
    if (token === "" || !matches(token)) {
      rateLimit.failed(key);
      logger.warn({ client: key }, "admin login refused");
      return html(
        c,
        renderLoginPage({
          message: "That is not one of PAGERSLACK_API_TOKENS.",
        }),
        401,
      );
    }
    rateLimit.succeeded(key);
    issueAdminSession(c, sessions);
    return c.redirect("/", 303);
  });

  app.post("/logout", (c) => {
    endAdminSession(c);
    return c.redirect("/login", 303);
  });
  return app;
}
