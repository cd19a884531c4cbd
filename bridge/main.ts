// Entry point: `npm run bridge` (tsx bridge/main.ts) in development; the container runs it built,
// `node dist/bridge/main.js` (`npm run build`).
import pino from "pino";
import { loadConfig } from "./config/load-config.ts";
import { DatabaseError, describeDatabaseError } from "./db/database-error.ts";
import { ListenError } from "./http/listen.ts";
import { startBridge } from "./start-bridge.ts";

const result = loadConfig(process.env);
if (!result.ok) {
  for (const warning of result.warnings) {
    process.stderr.write(`configuration warning: ${warning}\n`);
  }
  for (const problem of result.problems) {
    process.stderr.write(`configuration error: ${problem}\n`);
  }
  process.exit(1);
}

const logger = pino({
  // Validated by loadConfig: pino throws on a level it does not know.
  level: result.logLevel,
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
for (const warning of result.warnings) logger.warn(`configuration: ${warning}`);

// What an operator can fix (the port is taken, the database unreachable or its migration failing) is one line on
// stderr and exit code 1, like a configuration error; the orchestrator's restart policy tries again. Anything
// else is a bug and keeps its stack trace.
let bridge;
try {
  bridge = await startBridge(result.config, { logger });
} catch (error) {
  if (error instanceof ListenError || error instanceof DatabaseError) {
    const reason = error instanceof ListenError
      ? error.message
      : describeDatabaseError(error);
    process.stderr.write(`start-up error: ${reason}\n`);
    process.exit(1);
  }
  throw error;
}

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
