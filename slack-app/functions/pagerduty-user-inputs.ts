import { Schema } from "deno-slack-sdk/mod.ts";
import { PAGERDUTY_PROVIDER_KEY } from "../auth/pagerduty-oauth-provider.ts";

const WHO_AND_WHERE = {
  user_id: { type: Schema.slack.types.user_id },
  channel_id: { type: Schema.slack.types.channel_id },
} as const;

/** Slack resolves `{credential_source: "END_USER"}` to the clicker's token id for this provider. */
const PAGERDUTY_TOKEN = {
  pagerduty_access_token_id: {
    type: Schema.slack.types.oauth2,
    oauth2_provider_key: PAGERDUTY_PROVIDER_KEY,
  },
} as const;

/**
 * The input parameters of a function that acts as the person who clicked and opens a form: who, where, the
 * interactivity to open a modal with, and their PagerDuty credential (what `withPagerDutyUser` reads).
 */
export const PAGERDUTY_USER_INPUTS = {
  ...WHO_AND_WHERE,
  interactivity: { type: Schema.slack.types.interactivity },
  ...PAGERDUTY_TOKEN,
} as const;

/** The same without interactivity, for functions that only answer with a message. */
export const PAGERDUTY_USER_MESSAGE_INPUTS = {
  ...WHO_AND_WHERE,
  ...PAGERDUTY_TOKEN,
} as const;
