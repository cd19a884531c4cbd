// Entry point of the baseline server child process, built and run as the bridge is (plain node on dist/).
import { serve } from "@hono/node-server";
import { createBaselineApp } from "./create-baseline-app.ts";

const secrets = (process.env.PAGERDUTY_WEBHOOK_SECRETS ?? "").split(",")
  .filter((s) => s !== "");
const app = createBaselineApp(secrets);
const server = serve({
  fetch: app.fetch,
  port: Number(process.env.PORT ?? 0),
  hostname: process.env.HOST ?? "127.0.0.1",
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
