import { describe, expect, it } from "../../test/slack-app/bdd.ts";
import { pagerDutyOAuthProvider } from "../auth/pagerduty-oauth-provider.ts";
import {
  assertPagerDutyConfig,
  PagerDutyConfigError,
} from "../manifest/assert-pagerduty-config.ts";
import { outgoingDomains } from "../manifest/outgoing-domains.ts";
import { readPagerDutyRegion } from "./pagerduty-region.ts";
import { readAppConfig } from "./read-app-config.ts";

/** What the manifest gets from one deploy environment (as manifest.ts builds it): the OAuth provider's options and the outgoing domains. */
function deployed(env: Record<string, string>) {
  const config = readAppConfig(env);
  assertPagerDutyConfig(config);
  const provider = pagerDutyOAuthProvider({
    region: config.pagerDutyRegion,
    apiUrl: config.pagerDutyApiUrl,
    clientId: "pd-client-id",
  }).export().options as {
    authorization_url: string;
    token_url: string;
    identity_config: { url: string };
  };
  return { config, provider, domains: outgoingDomains(config) };
}

describe("PAGERDUTY_REGION", () => {
  it("eu: EU hosts for OAuth, the identity lookup, REST and the outgoing domains alike", () => {
    const { config, provider, domains } = deployed({ PAGERDUTY_REGION: "eu" });
    expect(config.pagerDutyApiUrl).toBe("https://api.eu.pagerduty.com");
    expect(provider.authorization_url).toBe(
      "https://identity.eu.pagerduty.com/oauth/authorize",
    );
    expect(provider.token_url).toBe(
      "https://identity.eu.pagerduty.com/oauth/token",
    );
    expect(provider.identity_config.url).toBe(
      "https://api.eu.pagerduty.com/users/me",
    );
    expect(domains).toEqual(["api.eu.pagerduty.com"]);
    expect(config.problems).toEqual([]);
  });

  it("unset: the US hosts, as before", () => {
    const { provider, domains } = deployed({});
    expect(provider.authorization_url).toBe(
      "https://identity.pagerduty.com/oauth/authorize",
    );
    expect(provider.identity_config.url).toBe(
      "https://api.pagerduty.com/users/me",
    );
    expect(domains).toEqual(["api.pagerduty.com"]);
  });

  it("unset, follows a PagerDuty API URL's region: an EU API URL alone gives EU OAuth too", () => {
    const { config, provider } = deployed({
      PAGERDUTY_API_URL: "https://api.eu.pagerduty.com/",
    });
    expect(config.pagerDutyRegion).toBe("eu");
    expect(provider.token_url).toBe(
      "https://identity.eu.pagerduty.com/oauth/token",
    );
    expect(config.problems).toEqual([]);
  });

  it("refuses an API URL of the other region, at deploy and in the functions, saying how to fix it", () => {
    const env = {
      PAGERDUTY_REGION: "us",
      PAGERDUTY_API_URL: "https://api.eu.pagerduty.com",
    };
    expect(() => deployed(env)).toThrow(PagerDutyConfigError);
    expect(() => deployed(env)).toThrow(
      "PAGERDUTY_API_URL=https://api.eu.pagerduty.com is PagerDuty's EU API, but PAGERDUTY_REGION is us",
    );
    expect(readAppConfig(env).problems[0]).toContain(
      "Set PAGERDUTY_REGION=eu, or remove PAGERDUTY_API_URL.",
    );
  });

  it("refuses an unknown region, and leaves non-PagerDuty API hosts (simulators, proxies) to the operator", () => {
    expect(readPagerDutyRegion({ PAGERDUTY_REGION: "apac" })).toEqual({
      ok: false,
      problem:
        "PAGERDUTY_REGION=apac is not a PagerDuty service region (use us or eu)",
    });
    expect(() => deployed({ PAGERDUTY_REGION: "apac" })).toThrow(
      "not a PagerDuty service region",
    );
    expect(readPagerDutyRegion({ PAGERDUTY_REGION: " EU " })).toEqual({
      ok: true,
      region: "eu",
    });
    const proxied = readAppConfig({
      PAGERDUTY_REGION: "eu",
      PAGERDUTY_API_URL: "http://127.0.0.1:9000/",
    });
    expect(proxied.problems).toEqual([]);
    expect(proxied.pagerDutyApiUrl).toBe("http://127.0.0.1:9000");
  });
});
