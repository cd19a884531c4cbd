/** Settings a function reads from its `env` (set with `slack env add`), never from globals. */
export interface AppConfig {
  /** PagerDuty REST API base, without trailing slash. */
  pagerDutyApiUrl: string;
  /** The bridge's base URL, without trailing slash; undefined when not configured. */
  bridgeUrl: string | undefined;
  bridgeApiToken: string | undefined;
  /** Link trigger URL of the Link workflow, quoted in "link your account" prompts. */
  linkTriggerUrl: string | undefined;
}

/** The env variable names, in one table so the README and the code cannot drift. */
export const APP_ENV = {
  pagerDutyApiUrl: "PAGERDUTY_API_URL",
  bridgeUrl: "BRIDGE_URL",
  bridgeApiToken: "BRIDGE_API_TOKEN",
  linkTriggerUrl: "LINK_TRIGGER_URL",
} as const;

export const DEFAULT_PAGERDUTY_API_URL = "https://api.pagerduty.com";

export function readAppConfig(
  env: Record<string, string | undefined>,
): AppConfig {
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };
  return {
    pagerDutyApiUrl: stripSlash(
      value(APP_ENV.pagerDutyApiUrl) ?? DEFAULT_PAGERDUTY_API_URL,
    ),
    bridgeUrl: mapDefined(value(APP_ENV.bridgeUrl), stripSlash),
    bridgeApiToken: value(APP_ENV.bridgeApiToken),
    linkTriggerUrl: value(APP_ENV.linkTriggerUrl),
  };
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function mapDefined<T, U>(v: T | undefined, f: (v: T) => U): U | undefined {
  return v === undefined ? undefined : f(v);
}
