import type { AppConfig } from "../config/read-app-config.ts";

/**
 * Hosts the functions may reach. Slack allows only the listed domains, so the PagerDuty API host (the region's,
 * `PAGERDUTY_REGION`, unless `PAGERDUTY_API_URL` says otherwise) and the bridge's host come from the environment
 * of `slack deploy`, named like the function env variables so one `.env` serves both. The caller has already
 * refused contradicting settings (`assertPagerDutyConfig`, manifest.ts).
 */
export function outgoingDomains(
  config: Pick<AppConfig, "pagerDutyApiUrl" | "bridgeUrl">,
): string[] {
  const urls = [config.pagerDutyApiUrl, config.bridgeUrl];
  const hosts = urls.flatMap((url) => {
    if (!url) return [];
    try {
      return [new URL(url).hostname];
    } catch {
      throw new Error(`Not a URL, cannot derive an outgoing domain: ${url}`);
    }
  });
  return [...new Set(hosts)];
}

/** The process environment under Deno (Slack CLI hooks) or Node (`npm run manifest`), without importing either. */
export function readProcessEnv(): Record<string, string | undefined> {
  const g = globalThis as {
    Deno?: { env: { toObject(): Record<string, string> } };
    process?: { env: Record<string, string | undefined> };
  };
  if (g.Deno) {
    try {
      return g.Deno.env.toObject();
    } catch {
      return {}; // no --allow-env: defaults only
    }
  }
  return g.process?.env ?? {};
}
