import { DefineOAuth2Provider, Schema } from "deno-slack-sdk/mod.ts";
import {
  PAGERDUTY_REGIONS,
  type PagerDutyRegion,
} from "../config/pagerduty-region.ts";
import { PAGERDUTY_OAUTH_SCOPES } from "../pagerduty/pagerduty-operations.ts";

/** Key functions name in their `oauth2_provider_key` input and `slack external-auth add` lists. */
export const PAGERDUTY_PROVIDER_KEY = "pagerduty";

/**
 * Least privilege: exactly the scopes of the operations the functions call (`PAGERDUTY_OPERATIONS`, each row's
 * `x-pd-requires-scope`). The PagerDuty OAuth app must be granted every one of them: PagerDuty answers an
 * authorization asking for a scope the app lacks with a token holding only `openid`, and every call then gets 403
 * (PagerDuty/developer-docs docs/app-integration-development/09-User-OAuth-Token.md, "Troubleshooting: API Call
 * results in 403").
 */
export { PAGERDUTY_OAUTH_SCOPES };

/**
 * PagerDuty as Slack external auth, on the hosts of the account's service region (`PAGERDUTY_REGION` at
 * `slack deploy`): a token from one region's identity service works only with that region's API.
 * `clientId` is the PagerDuty OAuth app's (`PAGERDUTY_OAUTH_CLIENT_ID` at `slack deploy`, see slack-app/README.md);
 * the secret goes in with `slack external-auth add-secret`.
 */
export function pagerDutyOAuthProvider(
  { region, apiUrl, clientId }: {
    region: PagerDutyRegion;
    apiUrl: string;
    clientId: string;
  },
) {
  const identity = PAGERDUTY_REGIONS[region].identityUrl;
  return DefineOAuth2Provider({
    provider_key: PAGERDUTY_PROVIDER_KEY,
    provider_type: Schema.providers.oauth2.CUSTOM,
    options: {
      provider_name: "PagerDuty",
      client_id: clientId,
      authorization_url: `${identity}/oauth/authorize`,
      token_url: `${identity}/oauth/token`,
      scope: [...PAGERDUTY_OAUTH_SCOPES],
      use_pkce: true,
      identity_config: {
        // GET /users/me needs no scope (see PAGERDUTY_OPERATIONS), so linking works even with a bad grant.
        url: `${apiUrl}/users/me`,
        account_identifier: "$.user.email",
        headers: { Accept: "application/vnd.pagerduty+json;version=2" },
      },
    },
  });
}
