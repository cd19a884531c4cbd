// Entry point: `npm run bridge` (tsx bridge/main.ts) in development; the container runs it built,
// `node dist/bridge/main.js` (`npm run build`).
import pino from "pino";
import { loadConfig } from "./config/load-config.ts";
import { startBridge } from "./start-bridge.ts";

const result = loadConfig(process.env);
if (!result.ok) {
  for (const problem of result.problems) {
    process.stderr.write(`configuration error: ${problem}\n`);
  }
  process.exit(1);
}

const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "pagerslack-bridge" },
  // Secrets never reach the logs, whatever object a log line carries.
  redact: {
    paths: [
      "token",
      "*.token",
      "secret",
      "*.secret",
      "authorization",
      "*.authorization",
      "headers.authorization",
      "*.headers.authorization",
      "config.slackBotToken",
      "config.webhookSecrets",
      "config.apiTokens",
      "config.pagerDutyApiToken",
    ],
    censor: "[redacted]",
  },
});

const bridge = await startBridge(result.config, { logger });

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "draining");
    bridge.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, "drain failed");
        process.exit(1);
      },
    );
  });
}
