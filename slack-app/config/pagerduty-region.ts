/**
 * PagerDuty service regions: every host the app talks to for one account, so OAuth, the identity lookup, REST and
 * the manifest's outgoing domains cannot disagree. One setting, `PAGERDUTY_REGION` (`us` or `eu`), read at
 * `slack deploy` for the manifest and by the functions from their `env`; unset, the region of `PAGERDUTY_API_URL`
 * when that is a PagerDuty host, else `us` (read-app-config.ts).
 *
 * REST hosts: https://support.pagerduty.com/docs/service-regions ("API Access URLs"), api.eu.pagerduty.com for EU.
 * OAuth hosts: identity.pagerduty.com (PagerDuty/developer-docs docs/app-integration-development/
 * 09-User-OAuth-Token.md); the EU twin identity.eu.pagerduty.com follows the same per-region naming (see apis.md).
 */
export const PAGERDUTY_REGIONS = {
  us: {
    apiUrl: "https://api.pagerduty.com",
    identityUrl: "https://identity.pagerduty.com",
  },
  eu: {
    apiUrl: "https://api.eu.pagerduty.com",
    identityUrl: "https://identity.eu.pagerduty.com",
  },
} as const;

export type PagerDutyRegion = keyof typeof PAGERDUTY_REGIONS;

export const PAGERDUTY_REGION_ENV = "PAGERDUTY_REGION";
export const DEFAULT_PAGERDUTY_REGION: PagerDutyRegion = "us";

export type RegionResult =
  | { ok: true; region: PagerDutyRegion }
  | { ok: false; problem: string };

/** `PAGERDUTY_REGION` (case-insensitive, blank = us); anything else is refused, naming the accepted values. */
export function readPagerDutyRegion(
  env: Record<string, string | undefined>,
): RegionResult {
  const raw = env[PAGERDUTY_REGION_ENV]?.trim().toLowerCase();
  if (!raw) return { ok: true, region: DEFAULT_PAGERDUTY_REGION };
  if (raw in PAGERDUTY_REGIONS) {
    return { ok: true, region: raw as PagerDutyRegion };
  }
  return {
    ok: false,
    problem:
      `${PAGERDUTY_REGION_ENV}=${raw} is not a PagerDuty service region (use ${
        Object.keys(PAGERDUTY_REGIONS).join(" or ")
      })`,
  };
}

/**
 * The region whose PagerDuty host `url` names, or undefined for a host that is not PagerDuty's (a simulator, a
 * proxy): those are the operator's choice and are not checked.
 */
export function regionOfPagerDutyUrl(
  url: string,
): PagerDutyRegion | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  for (const [region, hosts] of Object.entries(PAGERDUTY_REGIONS)) {
    if (
      host === new URL(hosts.apiUrl).hostname ||
      host === new URL(hosts.identityUrl).hostname
    ) {
      return region as PagerDutyRegion;
    }
  }
  return undefined;
}

/** A PagerDuty API URL set for another region than `PAGERDUTY_REGION`: the sentence an operator reads. */
export function regionMismatch(
  region: PagerDutyRegion,
  apiUrl: string,
  apiUrlEnv: string,
): string | undefined {
  const named = regionOfPagerDutyUrl(apiUrl);
  if (named === undefined || named === region) return undefined;
  return `${apiUrlEnv}=${apiUrl} is PagerDuty's ${named.toUpperCase()} API, but ${PAGERDUTY_REGION_ENV} is ${region}: OAuth would sign users in to the ${region.toUpperCase()} region and their tokens would not work there. Set ${PAGERDUTY_REGION_ENV}=${named}, or remove ${apiUrlEnv}.`;
}
