import { Hono } from "hono";
import type { Readiness } from "../db/open-database.ts";
import type { MetricsRegistry } from "./metrics-registry.ts";

export function opsRoute(
  { readiness, registry }: {
    /** Whether a webhook could be stored now, and if not why (Database.readiness and the inbox's record). */
    readiness: () => Promise<Readiness>;
    registry: MetricsRegistry;
  },
) {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    const answer = await readiness();
    return answer.ready
      ? c.json({ status: "ready" })
      : c.json({ status: "not ready", reason: answer.reason }, 503);
  });
  app.get("/metrics", async (c) =>
    c.body(await registry.render(), 200, {
      "Content-Type": registry.contentType,
    }));
  return app;
}
