// GET / (the status page), GET/POST /login, POST /logout. A script passes `Authorization: Bearer <API token>`;
// a browser logs in once with an API token and then carries the admin session cookie. Without either, GET /
// shows the login form and no data. Every token check (form or bearer) goes through the login rate limit; the
// forms refuse cross-site posts (login CSRF, forced logout).
import { type Context, Hono } from "hono";
import type { Logger } from "pino";
import { tokenMatcher } from "../api/bearer-auth.ts";
import { readBoundedText } from "../api/read-body.ts";
import {
  type AdminSessions,
  endAdminSession,
  hasAdminSession,
  isHttps,
  issueAdminSession,
} from "./admin-session.ts";
import { clientAddress } from "./client-address.ts";
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
  /** PAGERSLACK_TRUSTED_PROXIES: addresses whose X-Forwarded-For names the client (else it is ignored). */
  trustedProxies?: readonly string[];
  /** BRIDGE_PUBLIC_URL: the origin browsers see behind a proxy that rewrites Host. */
  publicUrl?: string | null;
}

/**
 * A form post from another site. Sec-Fetch-Site, which a page cannot forge, decides when present: the page's
 * `Referrer-Policy: no-referrer` makes browsers send `Origin: null` even for its own forms. Without it (older
 * browsers) a real Origin that is not the bridge's refuses. Requests with neither (curl, scripts) are not a
 * browser acting for someone else.
 */
function crossSite(c: Context, publicUrl: string | null): boolean {
  const site = c.req.header("sec-fetch-site");
  if (site !== undefined) return site !== "same-origin" && site !== "none";
  const origin = c.req.header("origin");
  if (origin === undefined || origin === "null") return false;
  const own = new Set([new URL(c.req.url).origin]);
  const host = c.req.header("host");
  if (host) own.add(`${isHttps(c) ? "https" : "http"}://${host}`);
  if (publicUrl) own.add(new URL(publicUrl).origin);
  return !own.has(origin);
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
    trustedProxies = [],
    publicUrl = null,
  }: AdminRouteOptions,
): Hono {
  const app = new Hono();
  const matches = tokenMatcher(apiTokens);
  const html = (
    c: Context,
    body: string,
    status: 200 | 400 | 401 | 403 | 413 | 429 = 200,
  ) => c.html(body, status, HEADERS);
  const signedIn = (c: Context) => hasAdminSession(c, sessions, apiTokens);
  const tooMany = (waitMs: number) =>
    `Too many failed attempts: try again in ${Math.ceil(waitMs / 60_000)} min.`;

  app.get("/", async (c) => {
    const authorization = c.req.header("authorization");
    if (authorization !== undefined) {
      const key = clientAddress(c, trustedProxies);
      const waitMs = rateLimit.attempt(key);
      if (waitMs !== null) {
        return c.json({ error: tooMany(waitMs) }, 429, {
          "Retry-After": String(Math.ceil(waitMs / 1000)),
        });
      }
      const [scheme, token] = authorization.split(" ");
      if (scheme?.toLowerCase() !== "bearer" || !token || !matches(token)) {
        logger.warn({ client: key }, "status page bearer token refused");
        return c.json({ error: "missing or invalid bearer token" }, 401, {
          "WWW-Authenticate": 'Bearer realm="pagerslack"',
        });
      }
      rateLimit.succeeded(key);
    } else if (!signedIn(c)) {
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
    (c) => signedIn(c) ? c.redirect("/", 303) : html(c, renderLoginPage()),
  );

  const refuseCrossSite = (c: Context) =>
    html(
      c,
      renderLoginPage({
        message: "Refused: the form was sent from another site.",
      }),
      403,
    );

  app.post("/login", async (c) => {
    if (crossSite(c, publicUrl)) return refuseCrossSite(c);
    const type = c.req.header("content-type") ?? "";
    if (!type.startsWith("application/x-www-form-urlencoded")) {
      return html(c, renderLoginPage({ message: "Send the login form." }), 400);
    }
    // Counted before the first await: parallel guesses cannot all pass a check made before any is judged.
    const key = clientAddress(c, trustedProxies);
    const waitMs = rateLimit.attempt(key);
    if (waitMs !== null) {
      return html(c, renderLoginPage({ message: tooMany(waitMs) }), 429);
    }
    const body = await readBoundedText(c, MAX_LOGIN_BYTES);
    if (!body.ok) {
      return html(c, renderLoginPage({ message: "Send the login form." }), 413);
    }
    const token = new URLSearchParams(body.text).get("token") ?? "";
    if (token === "" || !matches(token)) {
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
    issueAdminSession(c, sessions, token);
    return c.redirect("/", 303);
  });

  app.post("/logout", (c) => {
    if (crossSite(c, publicUrl)) return refuseCrossSite(c);
    endAdminSession(c);
    return c.redirect("/login", 303);
  });
  return app;
}
