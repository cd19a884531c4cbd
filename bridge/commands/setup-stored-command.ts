// `setup --store | --rotate | --retire ID` (bridge/cli.ts): the subscription whose signing secret the bridge keeps
// sealed in its database. Returns what to print rather than printing, so it is tested without a child process.
import { randomUUID } from "node:crypto";
import { loadConfig } from "../config/load-config.ts";
import { openDatabase } from "../db/open-database.ts";
import { createPagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import { createSecretBox } from "../secrets/secret-box.ts";
import {
  ensureWebhookSubscription,
  explainEnsureResult,
  webhookUrlOf,
} from "../pagerduty/ensure-webhook-subscription.ts";
import {
  retireWebhookSubscription,
  rotateWebhookSubscription,
} from "../pagerduty/rotate-webhook-subscription.ts";
import { readStoredWebhookSecrets } from "../pagerduty/webhook-secret-store.ts";

type Env = Record<string, string | undefined>;

export interface CommandOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `setup --store | --rotate | --retire ID`: the subscription whose secret the bridge keeps in its database. They
 * read the bridge's whole environment (the database, PAGERSLACK_ENCRYPTION_KEY, BRIDGE_PUBLIC_URL) and print
 * subscription ids, never a secret.
 */
export async function setupStoredCommand(
  values: { store?: boolean; rotate?: boolean; retire?: string },
  env: Env,
): Promise<CommandOutcome> {
  let stdout = "";
  let stderr = "";
  const out = (line: string) => (stdout += line);
  const loaded = loadConfig(env);
  for (const warning of loaded.warnings) {
    stderr += `configuration warning: ${warning}\n`;
  }
  if (!loaded.ok) {
    stderr += loaded.problems.map((p) => `configuration error: ${p}\n`).join(
      "",
    );
    return { code: 2, stdout, stderr };
  }
  const config = loaded.config;
  const missing = [
    config.pagerDutyApiToken ? null : "PAGERDUTY_API_TOKEN (full access)",
    config.encryptionKey ? null : "PAGERSLACK_ENCRYPTION_KEY",
    config.publicUrl || values.retire ? null : "BRIDGE_PUBLIC_URL",
  ].filter((m) => m !== null);
  if (missing.length > 0) {
    stderr += `setup needs ${missing.join(", ")}\n`;
    return { code: 2, stdout, stderr };
  }
  const pagerDuty = createPagerDutyClient({
    apiUrl: config.pagerDutyApiUrl,
    token: config.pagerDutyApiToken!,
    maxWaitMs: 60_000,
  });
  const box = createSecretBox(config.encryptionKey!);
  const database = openDatabase(config.databaseUrl);
  try {
    await database.migrate();
    if (values.retire) {
      const done = await retireWebhookSubscription({
        db: database.db,
        pagerDuty,
        subscriptionId: values.retire,
      });
      out(
        `${
          done.deleted
            ? `deleted subscription ${values.retire}`
            : `subscription ${values.retire} was already gone`
        }${
          done.forgotten ? "; its secret is no longer kept or accepted" : ""
        }\n`,
      );
      return { code: 0, stdout, stderr };
    }
    const url = webhookUrlOf(config.publicUrl!);
    if (values.rotate) {
      const rotated = await rotateWebhookSubscription({
        db: database.db,
        box,
        pagerDuty,
        publicUrl: config.publicUrl!,
      });
      out(
        `created subscription ${rotated.created} delivering to ${url}; its secret is sealed in the database and every replica accepts it within seconds\n`,
      );
      for (const old of rotated.previous) {
        out(
          `the old subscription ${old} still delivers (both are accepted): once events arrive through the new one, run setup --retire ${old}\n`,
        );
      }
      if (config.webhookSecrets.length > 0) {
        out(
          "then remove the old secret from PAGERDUTY_WEBHOOK_SECRETS and restart\n",
        );
      }
      return { code: 0, stdout, stderr };
    }
    const result = await ensureWebhookSubscription({
      db: database.db,
      box,
      pagerDuty,
      publicUrl: config.publicUrl!,
      instanceId: `setup-${randomUUID()}`,
    });
    out(`${explainEnsureResult(result, url).message}\n`);
    const stored = await readStoredWebhookSecrets(database.db, box);
    out(
      `secrets kept in the database: ${stored.secrets.length}\n`,
    );
    return {
      code: result.kind === "held" || result.kind === "created" ? 0 : 1,
      stdout,
      stderr,
    };
  } finally {
    await database.close();
  }
}
