import { DefineOAuth2Provider, Schema } from "deno-slack-sdk/mod.ts";

/** Key functions name in their `oauth2_provider_key` input and `slack external-auth add` lists. */
export const PAGERDUTY_PROVIDER_KEY = "pagerduty";

/**
 * Least privilege: each scope is required by an endpoint a function calls (the `x-pd-requires-scope` of
 * PagerDuty's OpenAPI spec). `GET /users/me` needs no scope of its own.
 */
const PAGERDUTY_OAUTH_SCOPES = [
  "incidents.read", // GET /incidents/{id}, /incidents/{id}/notes
  "incidents.write", // PUT /incidents/{id}, POST /incidents, notes, status updates, responder requests
  "services.read", // trigger form service choices
  "escalation_policies.read", // who is on call by policy, escalation levels
  "oncalls.read", // GET /oncalls
  "users.read", // reassign / responder choices, user lookup
  "users.write", // invite (POST /users; PagerDuty only lets admins)
  "priorities.read", // priority choices
  "incident_workflows.read", // manual incident workflow triggers
  "incident_workflows:instances.write", // run an incident workflow
] as const;

/**
 * PagerDuty as Slack external auth. `client_id` is a placeholder: register an OAuth app in PagerDuty
 * (see slack-app/README.md) and put its id here; the secret goes in with `slack external-auth add-secret`.
 */
export const PagerDutyOAuthProvider = DefineOAuth2Provider({
  provider_key: PAGERDUTY_PROVIDER_KEY,
  provider_type: Schema.providers.oauth2.CUSTOM,
  options: {
    provider_name: "PagerDuty",
    client_id: "YOUR_PAGERDUTY_OAUTH_CLIENT_ID",
    authorization_url: "https://identity.pagerduty.com/oauth/authorize",
    token_url: "https://identity.pagerduty.com/oauth/token",
    scope: [...PAGERDUTY_OAUTH_SCOPES],
    use_pkce: true,
    identity_config: {
      url: "https://api.pagerduty.com/users/me",
      account_identifier: "$.user.email",
      headers: { Accept: "application/vnd.pagerduty+json;version=2" },
    },
  },
});
