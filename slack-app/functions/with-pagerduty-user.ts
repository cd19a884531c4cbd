import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { BridgeClient } from "../bridge/bridge-client.ts";
import type { AppConfig } from "../config/read-app-config.ts";
import { explainToUser, type OpenModal } from "../messages/loading-modal.ts";
import type { NotifyTarget } from "../messages/notify-user.ts";
import { connectAsUser } from "../pagerduty/connect-as-user.ts";
import { explainPagerDutyError } from "../pagerduty/explain-pagerduty-error.ts";
import { PagerDutyApiError } from "../pagerduty/pagerduty-api-error.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";

/** What a handler gets once it acts as the Slack user's PagerDuty account. */
export interface PagerDutyUserSession {
  pagerDuty: PagerDutyClient;
  bridge: BridgeClient;
  config: AppConfig;
  /** Where feedback for the acting user goes. */
  target: NotifyTarget;
}

/** A handler's context, as far as acting as the user needs it. */
export interface PagerDutyUserRequest {
  client: SlackAPIClient;
  env: Record<string, string | undefined>;
  /** The function context's `team_id`: the workspace the bridge client speaks for. */
  team_id?: string;
  inputs: {
    user_id: string;
    channel_id?: string;
    pagerduty_access_token_id?: string;
  };
}

export interface PagerDutyUserOptions<T> {
  /** What the user was doing, for the explanation of a PagerDuty refusal ("list services and teams"). */
  attempted: string;
  /** The handler's answer when the user could not be connected or PagerDuty refused. */
  fallback: T;
  /**
   * Name the user's role in a 403 explanation (one more PagerDuty call). Off where the token itself is in
   * doubt, such as when linking.
   */
  describeRole?: boolean;
  /**
   * The modal the user is looking at (opened first, loading): a failure's explanation replaces its content, so
   * the person reads it where they are looking. The ephemeral message (or DM) is still sent: it stays after the
   * modal is closed, with the link to follow or the reason to pass on to a PagerDuty admin.
   */
  modal?: OpenModal;
}

/**
 * The preamble every PagerDuty-backed handler shares: connect as the user who clicked, tell them why not (a link
 * prompt, a rate-limit notice) or explain a PagerDuty refusal, and answer `fallback` in both cases. Errors that
 * are not PagerDuty's propagate, so Slack reports the function as failed.
 */
export async function withPagerDutyUser<T>(
  request: PagerDutyUserRequest,
  options: PagerDutyUserOptions<T>,
  work: (session: PagerDutyUserSession) => Promise<T>,
): Promise<T> {
  const { client, env, inputs } = request;
  const target = { userId: inputs.user_id, channelId: inputs.channel_id };
  const connected = await connectAsUser(
    client,
    env,
    inputs.pagerduty_access_token_id,
    request.team_id,
  );
  if (!connected.ok) {
    await explainToUser(client, target, options.modal, connected.message);
    return options.fallback;
  }
  const session = {
    pagerDuty: connected.pagerDuty,
    bridge: connected.bridge,
    config: connected.config,
    target,
  };
  try {
    return await work(session);
  } catch (error) {
    if (!(error instanceof PagerDutyApiError)) throw error;
    await explainToUser(
      client,
      target,
      options.modal,
      await explainPagerDutyError(error, {
        attempted: options.attempted,
        linkTriggerUrl: session.config.linkTriggerUrl,
        ...(options.describeRole === false
          ? {}
          : { pagerDuty: session.pagerDuty }),
      }),
    );
    return options.fallback;
  }
}
