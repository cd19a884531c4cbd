// The baseline for `ingest_ratio`: a bare Hono endpoint that does what the bridge must do before answering
// (read the raw body, verify `X-PagerDuty-Signature` with the bridge's own verifier) and answers 202 without
// parsing or storing anything.
import { Hono } from "hono";
import { verifySignature } from "../../bridge/webhooks/verify-signature.ts";
import { WEBHOOK_PATH } from "./signed-webhook.ts";

export function createBaselineApp(secrets: readonly string[]): Hono {
  const app = new Hono();
  app.get("/readyz", (c) => c.text("ok"));
  app.post(WEBHOOK_PATH, async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!verifySignature(raw, c.req.header("x-pagerduty-signature"), secrets)) {
      return c.json({ error: "missing or invalid X-PagerDuty-Signature" }, 401);
    }
    return c.json({ status: "accepted" }, 202);
  });
  return app;
}
