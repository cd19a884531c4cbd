/**
 * Settings `slack deploy` must have in its environment (the CLI's get-manifest hook evaluates manifest.ts with the
 * shell's environment, like `npm run manifest`): without them the deployed app could not work, and nothing in
 * Slack would say why. Each row: the variable and what to do.
 */
export const DEPLOY_REQUIREMENTS = [
  {
    env: "PAGERDUTY_OAUTH_CLIENT_ID",
    missing:
      'PAGERDUTY_OAUTH_CLIENT_ID is not set: register an OAuth app in PagerDuty (slack-app/README.md, "PagerDuty OAuth app") and export its client id before `slack deploy`.',
  },
  {
    env: "BRIDGE_URL",
    missing:
      "BRIDGE_URL is not set: export the bridge's public base URL (https://pagerslack.example.org) before `slack deploy`; Slack lets the functions reach only the hosts the manifest lists.",
  },
] as const;

/** The deploy environment lacks required settings; the message has one sentence per missing value. */
export class DeployConfigError extends Error {
  override readonly name = "DeployConfigError";
  constructor(readonly missing: string[]) {
    super(
      `pagerslack manifest: ${
        DEPLOY_REQUIREMENTS.filter((r) => missing.includes(r.env)).map((r) =>
          r.missing
        ).join(" ")
      }`,
    );
  }
}

/** Throws `DeployConfigError` naming every required variable that is unset or blank. */
export function assertDeployConfig(
  env: Record<string, string | undefined>,
): void {
  const missing = DEPLOY_REQUIREMENTS.filter((r) => !env[r.env]?.trim()).map(
    (r) => r.env,
  );
  if (missing.length) throw new DeployConfigError(missing);
}

/** The PagerDuty OAuth client id the manifest's provider uses (checked by `assertDeployConfig`). */
export function pagerDutyOAuthClientId(
  env: Record<string, string | undefined>,
): string {
  return env.PAGERDUTY_OAUTH_CLIENT_ID?.trim() ?? "";
}
