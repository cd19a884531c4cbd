import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  type BridgeClient,
  createBridgeClient,
} from "../bridge/bridge-client.ts";
import { escapeMrkdwn } from "../../shared/cards/escape-mrkdwn.ts";
import { type AppConfig, readAppConfig } from "../config/read-app-config.ts";
import { linkPrompt } from "../messages/link-prompt.ts";
import { knownTriggerUrls } from "../bridge/known-trigger-urls.ts";
import { getPagerDutyToken } from "./get-pagerduty-token.ts";
import {
  createPagerDutyClient,
  type PagerDutyClient,
} from "./pagerduty-client.ts";
import { refreshOnceTokenSource } from "./pagerduty-token-source.ts";

export type ConnectAsUserResult =
  | {
    ok: true;
    pagerDuty: PagerDutyClient;
    config: AppConfig;
    /** The bridge, authenticated with the app's token from the same config. */
    bridge: BridgeClient;
  }
  /** `message` is ready to show the user (a link prompt, a rate-limit notice…). */
  | { ok: false; message: string; config: AppConfig };

/** A PagerDuty client acting as the Slack user who ran the workflow, or the sentence explaining why not. */
export async function connectAsUser(
  client: SlackAPIClient,
  env: Record<string, string | undefined>,
  externalTokenId: string | undefined,
  /** The function context's `team_id`: the workspace the bridge client speaks for. */
  teamId?: string,
): Promise<ConnectAsUserResult> {
  const config = readAppConfig(env);
  if (config.problems.length) {
    // A token belongs to one PagerDuty region: calling another region's API would only answer 401.
    return {
      ok: false,
      config,
      message:
        `:warning: pagerslack is misconfigured, so it cannot reach PagerDuty: ${
          config.problems.join(" ")
        } Ask whoever deployed the app to fix its settings.`,
    };
  }
  const token = await getPagerDutyToken(client, externalTokenId);
  if (token.ok) {
    return {
      ok: true,
      config,
      pagerDuty: createPagerDutyClient({
        baseUrl: config.pagerDutyApiUrl,
        // On a 401 the client asks Slack once for a refreshed token; if Slack cannot refresh (refresh token
        // dead after 30 days unused, or revoked), the 401 stands and the person sees the link prompt.
        token: refreshOnceTokenSource(token.token, async () => {
          const fresh = await getPagerDutyToken(client, externalTokenId, {
            forceRefresh: true,
          });
          return fresh.ok ? fresh.token : undefined;
        }),
      }),
      bridge: createBridgeClient({
        baseUrl: config.bridgeUrl,
        token: config.bridgeApiToken,
        ...(teamId ? { teamId } : {}),
      }),
    };
  }
  switch (token.reason) {
    case "not_linked": {
      // LINK_TRIGGER_URL overrides; else the Link trigger "Set up pagerslack" registered with the bridge.
      const linkUrl = config.linkTriggerUrl ?? (await knownTriggerUrls(
        createBridgeClient({
          baseUrl: config.bridgeUrl,
          token: config.bridgeApiToken,
          // With several workspaces the bridge keeps one set of links each, and wants to be told whose.
          ...(teamId ? { teamId } : {}),
        }),
      )).link_account;
      return {
        ok: false,
        config: { ...config, linkTriggerUrl: linkUrl },
        message: linkPrompt(linkUrl),
      };
    }
    case "rate_limited":
      return {
        ok: false,
        config,
        message: `:hourglass: Slack is rate limiting this app. Try again ${
          token.retryAfterSeconds
            ? `in ${token.retryAfterSeconds} s`
            : "in a minute"
        }.`,
      };
    case "slack_error":
      return {
        ok: false,
        config,
        message:
          `:warning: Slack could not hand over your PagerDuty credentials (${
            escapeMrkdwn(token.slackError)
          }). Try again, or link your account again.`,
      };
  }
}
