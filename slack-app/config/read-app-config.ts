import {
  DEFAULT_PAGERDUTY_REGION,
  PAGERDUTY_REGION_ENV,
  PAGERDUTY_REGIONS,
  type PagerDutyRegion,
  readPagerDutyRegion,
  regionMismatch,
  regionOfPagerDutyUrl,
} from "./pagerduty-region.ts";

/** Settings a function reads from its `env` (set with `slack env add`), never from globals. */
export interface AppConfig {
  /** `PAGERDUTY_REGION`: decides the default REST base and, in the manifest, the OAuth hosts. */
  pagerDutyRegion: PagerDutyRegion;
  /** PagerDuty REST API base, without trailing slash: `PAGERDUTY_API_URL`, else the region's. */
  pagerDutyApiUrl: string;
  /** The bridge's base URL, without trailing slash; undefined when not configured. */
  bridgeUrl: string | undefined;
  bridgeApiToken: string | undefined;
  /** Link trigger URL of the Link workflow, quoted in "link your account" prompts. */
  linkTriggerUrl: string | undefined;
  /**
   * Settings that contradict each other (an EU API URL with the US region…), each a sentence for the operator.
   * Functions refuse to call PagerDuty while there is one: the user's token belongs to one region only.
   */
  problems: string[];
}

/** The env variable names, in one table so the README and the code cannot drift. */
export const APP_ENV = {
  pagerDutyRegion: PAGERDUTY_REGION_ENV,
  pagerDutyApiUrl: "PAGERDUTY_API_URL",
  bridgeUrl: "BRIDGE_URL",
  bridgeApiToken: "BRIDGE_API_TOKEN",
  linkTriggerUrl: "LINK_TRIGGER_URL",
} as const;

export function readAppConfig(
  env: Record<string, string | undefined>,
): AppConfig {
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };
  // PAGERDUTY_REGION decides; unset, a PagerDuty API URL names the region (deployments that only set
  // PAGERDUTY_API_URL=https://api.eu.pagerduty.com get EU OAuth too); neither: US.
  const apiUrlSetting = value(APP_ENV.pagerDutyApiUrl);
  const region = value(APP_ENV.pagerDutyRegion) === undefined && apiUrlSetting
    ? {
      ok: true as const,
      region: regionOfPagerDutyUrl(apiUrlSetting) ?? DEFAULT_PAGERDUTY_REGION,
    }
    : readPagerDutyRegion(env);
  const pagerDutyRegion = region.ok ? region.region : DEFAULT_PAGERDUTY_REGION;
  const pagerDutyApiUrl = stripSlash(
    apiUrlSetting ?? PAGERDUTY_REGIONS[pagerDutyRegion].apiUrl,
  );
  const mismatch = region.ok
    ? regionMismatch(pagerDutyRegion, pagerDutyApiUrl, APP_ENV.pagerDutyApiUrl)
    : undefined;
  return {
    pagerDutyRegion,
    pagerDutyApiUrl,
    bridgeUrl: mapDefined(value(APP_ENV.bridgeUrl), stripSlash),
    bridgeApiToken: value(APP_ENV.bridgeApiToken),
    linkTriggerUrl: value(APP_ENV.linkTriggerUrl),
    problems: [
      ...(region.ok ? [] : [region.problem]),
      ...(mismatch ? [mismatch] : []),
    ],
  };
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function mapDefined<T, U>(v: T | undefined, f: (v: T) => U): U | undefined {
  return v === undefined ? undefined : f(v);
}
