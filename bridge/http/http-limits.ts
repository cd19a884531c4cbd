// What a slow or huge request may cost the bridge. Node's defaults let a stalled upload hold its socket for
// 300 s (requestTimeout), check timeouts only every 30 s, keep sockets that never finish their headers, and
// accept any number of connections; a route reading its body would take 100 MB into memory before answering.
// Every honest client here is quick: PagerDuty gives up after 5 s and sends at most 256 KB, the hosted app's
// calls are small JSON, probes are bodiless.
import type { Server } from "node:http";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

export interface HttpLimits {
  /** Time to receive the request's headers (Node's `headersTimeout`). */
  headersTimeoutMs: number;
  /** Time to receive the whole request, body included (Node's `requestTimeout`). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive socket is kept between requests. */
  keepAliveTimeoutMs: number;
  /** How often Node looks for sockets past those timeouts (its default, 30 s, would stretch them). */
  checkIntervalMs: number;
  /** Sockets open at once; further connections are closed at once (each costs memory until it times out). */
  maxConnections: number;
  /** Largest body of the bridge API's requests (webhooks have their own: MAX_WEBHOOK_BYTES). */
  maxBodyBytes: number;
}

export const HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
  maxConnections: 1_000,
  maxBodyBytes: 64 * 1024,
};

/** Node server options for `serve({ serverOptions })`. */
export function serverOptionsFor(limits: HttpLimits) {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.checkIntervalMs,
  };
}

/** What cannot be passed at creation. */
export function applyServerLimits(server: Server, limits: HttpLimits): void {
  server.maxConnections = limits.maxConnections;
}

/**
 * A refused request's body is not wanted: `Connection: close` ends the socket with the answer instead of
 * letting the server read (drain) the rest of an upload to keep the connection alive.
 */
export function closeAfterRefusal(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const hasBody = c.req.header("content-length") !== undefined ||
      c.req.header("transfer-encoding") !== undefined;
    if (hasBody && c.res.status >= 400) {
      c.res.headers.set("Connection", "close");
    }
  };
}

/**
 * A route's body limit: checked against Content-Length before anything is read, and while streaming a body
 * without one (hono/body-limit).
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => c.json({ error: `body exceeds ${maxBytes} bytes` }, 413),
  });
}
