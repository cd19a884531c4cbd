// What `npm run deploy:slack-app` needs: the values `slack deploy` reads for the manifest, and the two secrets the
// Slack CLI stores for the deployed app. From a file of KEY=value lines (`--config FILE`) and the environment
// (which wins), never from the command line of this script.
import { readFileSync, statSync } from "node:fs";
import { DEPLOY_REQUIREMENTS } from "../slack-app/manifest/assert-deploy-config.ts";
import {
  PAGERDUTY_REGION_ENV,
  type PagerDutyRegion,
  readPagerDutyRegion,
} from "../slack-app/config/pagerduty-region.ts";

/** The secrets: they go to the Slack CLI and nowhere else (not into `slack deploy`'s environment, not to logs). */
export const DEPLOY_SECRETS = [
  {
    name: "PAGERDUTY_OAUTH_CLIENT_SECRET",
    missing:
      "PAGERDUTY_OAUTH_CLIENT_SECRET is not set: the client secret of the OAuth app registered in PagerDuty (Integrations → App Registration), stored with `slack external-auth add-secret`.",
  },
  {
    name: "BRIDGE_API_TOKEN",
    missing:
      "BRIDGE_API_TOKEN is not set: one of the bridge's PAGERSLACK_API_TOKENS (the hosted app's functions send it to the bridge).",
  },
] as const;

export interface DeployConfig {
  bridgeUrl: string;
  pagerDutyOAuthClientId: string;
  region: PagerDutyRegion;
  /** An override of PagerDuty's API host (a proxy); passed to `slack deploy` only when set. */
  pagerDutyApiUrl: string | undefined;
  /** Undefined with `promptSecrets`: the Slack CLI asks for them on the terminal instead. */
  secrets: {
    PAGERDUTY_OAUTH_CLIENT_SECRET: string | undefined;
    BRIDGE_API_TOKEN: string | undefined;
  };
  /** Said once before the steps run (a config file others can read). */
  warnings: string[];
}

export type DeployConfigResult =
  | { ok: true; config: DeployConfig }
  | { ok: false; problems: string[] };

/** `KEY=value` lines; blank lines and `#` comments skipped; one pair of surrounding quotes removed. */
export function parseConfigFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).replace(/^export\s+/, "").trim();
    let value = line.slice(eq + 1).trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    values[key] = value;
  }
  return values;
}

export function readDeployConfig(
  { env, configFile, promptSecrets = false }: {
    env: Record<string, string | undefined>;
    configFile?: string | undefined;
    /** The Slack CLI prompts (hidden input) for the secrets: they then never pass through this process. */
    promptSecrets?: boolean;
  },
): DeployConfigResult {
  const problems: string[] = [];
  const warnings: string[] = [];
  let fromFile: Record<string, string> = {};
  if (configFile !== undefined) {
    try {
      fromFile = parseConfigFile(readFileSync(configFile, "utf8"));
      // Group/other bits set: others on this machine can read the secrets in it.
      if ((statSync(configFile).mode & 0o077) !== 0) {
        warnings.push(
          `${configFile} can be read by other users of this machine: chmod 600 ${configFile}`,
        );
      }
    } catch (error) {
      problems.push(
        `cannot read --config ${configFile}: ${
          (error as NodeJS.ErrnoException).code ?? String(error)
        }`,
      );
    }
  }
  const value = (name: string) => {
    const v = env[name]?.trim() || fromFile[name]?.trim();
    return v ? v : undefined;
  };
  for (const requirement of DEPLOY_REQUIREMENTS) {
    if (!value(requirement.env)) {
      problems.push(
        requirement.missing.replace(
          "before `slack deploy`",
          "(in the environment or the --config file)",
        ),
      );
    }
  }
  const bridgeUrl = value("BRIDGE_URL");
  if (bridgeUrl) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(bridgeUrl);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.protocol !== "https:") {
      problems.push(
        `BRIDGE_URL=${bridgeUrl} is not an https URL: Slack's functions reach the bridge over HTTPS only (its public base URL, e.g. https://pagerslack-bridge.example.com).`,
      );
    }
  }
  const region = readPagerDutyRegion({
    [PAGERDUTY_REGION_ENV]: value(PAGERDUTY_REGION_ENV),
  });
  if (!region.ok) problems.push(region.problem);
  const secrets = {
    PAGERDUTY_OAUTH_CLIENT_SECRET: value("PAGERDUTY_OAUTH_CLIENT_SECRET"),
    BRIDGE_API_TOKEN: value("BRIDGE_API_TOKEN"),
  };
  if (!promptSecrets) {
    for (const secret of DEPLOY_SECRETS) {
      if (!secrets[secret.name]) problems.push(secret.missing);
    }
  }
  if (problems.length > 0 || !region.ok) return { ok: false, problems };
  return {
    ok: true,
    config: {
      bridgeUrl: bridgeUrl!.replace(/\/+$/, ""),
      pagerDutyOAuthClientId: value("PAGERDUTY_OAUTH_CLIENT_ID")!,
      region: region.region,
      pagerDutyApiUrl: value("PAGERDUTY_API_URL"),
      secrets: promptSecrets
        ? {
          PAGERDUTY_OAUTH_CLIENT_SECRET: undefined,
          BRIDGE_API_TOKEN: undefined,
        }
        : secrets,
      warnings,
    },
  };
}
