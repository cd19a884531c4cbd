import { Hono } from "hono";
import type { MetricsRegistry } from "./metrics-registry.ts";

export function opsRoute(
  { isReady, registry }: {
    isReady: () => Promise<boolean>;
    registry: MetricsRegistry;
  },
) {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get(
    "/readyz",
    async (c) =>
      (await isReady()) ? c.json({ status: "ready" }) : c.json({
        status: "not ready",
        reason: "database unreachable or migrations pending",
      }, 503),
  );
  app.get("/metrics", async (c) =>
    c.body(await registry.render(), 200, {
      "Content-Type": "text/plain; version=0.0.4; charset=utf-8",
    }));
  return app;
}
