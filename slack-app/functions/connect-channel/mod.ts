import { DefineFunction, SlackFunction } from "deno-slack-sdk/mod.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import { PAGERDUTY_USER_INPUTS } from "../pagerduty-user-inputs.ts";
import {
  type BridgeClient,
  describeBridgeFailure,
} from "../../bridge/bridge-client.ts";
import { registerWorkflowTriggersWithin } from "../../bridge/register-workflow-triggers.ts";
import {
  explainToUser,
  openLoadingModal,
} from "../../messages/loading-modal.ts";
import { notifyUser } from "../../messages/notify-user.ts";
import { couldNotOpenForm, fillForm } from "../../messages/open-form.ts";
import { connectAsUser } from "../../pagerduty/connect-as-user.ts";
import { explainPagerDutyError } from "../../pagerduty/explain-pagerduty-error.ts";
import {
  listPriorities,
  listServices,
  listTeams,
} from "../../pagerduty/list-choices.ts";
import { PagerDutyApiError } from "../../pagerduty/pagerduty-api-error.ts";
import type { PagerDutyClient } from "../../pagerduty/pagerduty-client.ts";
import { teamsUnavailable } from "./teams-unavailable.ts";
import { oncallAction, saveOncallGroupForm } from "./oncall-groups.ts";
import {
  ONCALL_ACTIONS,
  ONCALL_FORM_CALLBACK_ID,
  ONCALL_LIST_CALLBACK_ID,
  type OncallFormMetadata,
} from "./oncall-group-views.ts";
import {
  CONNECT_ACTIONS,
  connectionFormView,
  connectionsListView,
  FIELD_FOR_BRIDGE_ERROR,
  FORM_FIELDS,
  FORM_VIEW_CALLBACK_ID,
  type FormMetadata,
  LIST_FRAME,
  LIST_VIEW_CALLBACK_ID,
  readConnectionForm,
  type SourceNames,
} from "./connection-views.ts";

export const ConnectChannelFunction = DefineFunction({
  callback_id: "connect_channel",
  title: "Connect a channel to PagerDuty",
  description:
    "List, add, edit and remove the channel's PagerDuty connections (stored by the bridge)",
  source_file: "slack-app/functions/connect-channel/mod.ts",
  input_parameters: {
    properties: PAGERDUTY_USER_INPUTS,
    required: [
      "user_id",
      "channel_id",
      "interactivity",
      "pagerduty_access_token_id",
    ],
  },
  output_parameters: { properties: {}, required: [] },
});

interface Inputs {
  user_id: string;
  channel_id: string;
  pagerduty_access_token_id: string;
}

type Session =
  | {
    ok: true;
    pagerDuty: PagerDutyClient;
    bridge: BridgeClient;
    linkTriggerUrl: string | undefined;
  }
  | { ok: false; message: string };

async function open(
  client: SlackAPIClient,
  env: Record<string, string>,
  inputs: Inputs,
  teamId?: string,
): Promise<Session> {
  const session = await connectAsUser(
    client,
    env,
    inputs.pagerduty_access_token_id,
    teamId,
  );
  if (!session.ok) return { ok: false, message: session.message };
  return {
    ok: true,
    pagerDuty: session.pagerDuty,
    linkTriggerUrl: session.config.linkTriggerUrl,
    bridge: session.bridge,
  };
}

/** Services and teams the user can see in PagerDuty; accounts without teams answer 402/403 → none. */
async function sourceNames(
  pd: PagerDutyClient,
  linkTriggerUrl: string | undefined,
): Promise<SourceNames> {
  const [services, teams] = await Promise.all([
    listServices(pd),
    listTeams(pd).then(
      (teams): Pick<SourceNames, "teams" | "teamsUnavailable"> => ({ teams }),
      (error) => {
        // Services still work: the form says why teams are missing instead of failing (a missing teams.read
        // scope used to leave them out silently).
        if (!(error instanceof PagerDutyApiError) || error.status >= 500) {
          throw error;
        }
        return {
          teams: [],
          teamsUnavailable: teamsUnavailable(error, linkTriggerUrl),
        };
      },
    ),
  ]);
  return { services, ...teams };
}

/** The list view, or the sentence saying why the bridge cannot show it. */
async function listView(
  session: Extract<Session, { ok: true }>,
  channelId: string,
  notice?: string,
): Promise<
  { ok: true; view: Record<string, unknown> } | { ok: false; message: string }
> {
  const [connections, names] = await Promise.all([
    session.bridge.listConnections(channelId),
    sourceNames(session.pagerDuty, session.linkTriggerUrl),
  ]);
  if (!connections.ok) {
    return {
      ok: false,
      message: describeBridgeFailure(
        connections.failure,
        "read this channel's connections",
      ),
    };
  }
  return {
    ok: true,
    view: connectionsListView(channelId, connections.value, names, notice),
  };
}

async function explain(
  error: unknown,
  session: Extract<Session, { ok: true }>,
  attempted: string,
): Promise<string> {
  if (!(error instanceof PagerDutyApiError)) throw error;
  return await explainPagerDutyError(error, {
    attempted,
    linkTriggerUrl: session.linkTriggerUrl,
    pagerDuty: session.pagerDuty,
  });
}

const complete = (
  client: SlackAPIClient,
  body: { function_data: { execution_id: string } },
) =>
  client.functions.completeSuccess({
    function_execution_id: body.function_data.execution_id,
    outputs: {},
  });

export default SlackFunction(
  ConnectChannelFunction,
  async ({ inputs, client, env, team_id }) => {
    const target = { userId: inputs.user_id, channelId: inputs.channel_id };
    // The pointer lives about 3 s: spend it before Slack's token hand-over, PagerDuty's and the bridge's answers.
    const opened = await openLoadingModal(
      client,
      inputs.interactivity.interactivity_pointer,
      LIST_FRAME,
    );
    if (!opened.ok) return couldNotOpenForm(opened.error);
    const modal = opened.modal;
    const session = await open(client, env, inputs, team_id);
    if (!session.ok) {
      await explainToUser(client, target, modal, session.message);
      return { outputs: {} };
    }
    // The admin's Connect run is when the bridge learns the app's trigger URLs (for its `/pd` answers): once
    // per run, here and not in the button and submission handlers, after the modal opened. Best effort and
    // bounded: a bridge that refuses or is slow gets them on the next run; the list says if it is away.
    await registerWorkflowTriggersWithin(session.bridge, env);
    let list;
    try {
      list = await listView(session, inputs.channel_id);
    } catch (error) {
      await explainToUser(
        client,
        target,
        modal,
        await explain(error, session, "list services and teams"),
      );
      return { outputs: {} };
    }
    if (!list.ok) {
      await explainToUser(client, target, modal, list.message);
      return { outputs: {} };
    }
    return await fillForm(client, modal, list.view);
  },
).addBlockActionsHandler(
  [CONNECT_ACTIONS.add, CONNECT_ACTIONS.edit],
  async ({ action, inputs, client, env, body, team_id }) => {
    const viewId = body.view?.id as string;
    const target = { userId: inputs.user_id, channelId: inputs.channel_id };
    const session = await open(client, env, inputs, team_id);
    if (!session.ok) {
      await notifyUser(client, target, session.message);
      return;
    }
    const choice = action.action_id === CONNECT_ACTIONS.add
      ? "add"
      : String(action.selected_option?.value ?? "");
    const [verb, connectionId] = choice.split(/:(.*)/s);
    try {
      if (verb === "remove" && connectionId) {
        const removed = await session.bridge.deleteConnection(connectionId);
        const notice = removed.ok
          ? ":white_check_mark: Connection removed."
          : describeBridgeFailure(removed.failure, "remove the connection");
        const list = await listView(session, inputs.channel_id, notice);
        if (!list.ok) {
          await notifyUser(client, target, list.message);
          return;
        }
        await client.views.update({ view_id: viewId, view: list.view });
        return;
      }
      let existing;
      if (verb === "edit" && connectionId) {
        const connections = await session.bridge.listConnections(
          inputs.channel_id,
        );
        if (!connections.ok) {
          await notifyUser(
            client,
            target,
            describeBridgeFailure(connections.failure, "edit the connection"),
          );
          return;
        }
        existing = connections.value.connections.find((c) =>
          c.id === connectionId
        );
      }
      const [names, priorities] = await Promise.all([
        sourceNames(session.pagerDuty, session.linkTriggerUrl),
        listPriorities(session.pagerDuty),
      ]);
      const metadata: FormMetadata = {
        channel_id: inputs.channel_id,
        connection_id: existing?.id ?? crypto.randomUUID(),
      };
      await client.views.update({
        view_id: viewId,
        view: connectionFormView(metadata, names, priorities, existing),
      });
    } catch (error) {
      await notifyUser(
        client,
        target,
        await explain(error, session, "load services, teams and priorities"),
      );
    }
  },
).addViewSubmissionHandler(
  FORM_VIEW_CALLBACK_ID,
  async ({ inputs, client, env, view, team_id }) => {
    const metadata = JSON.parse(view.private_metadata ?? "{}") as FormMetadata;
    const read = readConnectionForm(
      metadata,
      view.state.values as Parameters<typeof readConnectionForm>[1],
    );
    if (!read.ok) return { response_action: "errors", errors: read.errors };
    const session = await open(client, env, inputs, team_id);
    if (!session.ok) {
      return {
        response_action: "errors",
        errors: { [FORM_FIELDS.source]: stripEmoji(session.message) },
      };
    }
    const saved = await session.bridge.putConnection(read.connection);
    if (!saved.ok) {
      const failure = saved.failure;
      const field = failure.kind === "invalid" && failure.field
        ? FIELD_FOR_BRIDGE_ERROR[failure.field.replace(/\[\d+\]$/, "")]
        : undefined;
      return {
        response_action: "errors",
        errors: {
          [field ?? FORM_FIELDS.source]: stripEmoji(
            describeBridgeFailure(failure, "save the connection"),
          ),
        },
      };
    }
    const list = await listView(
      session,
      metadata.channel_id,
      ":white_check_mark: Connection saved.",
    ).catch(() => undefined);
    if (!list?.ok) return; // saved; closing the form is the honest fallback
    return { response_action: "update", view: list.view };
  },
).addBlockActionsHandler(
  Object.values(ONCALL_ACTIONS),
  async ({ action, inputs, client, env, body, team_id }) => {
    const viewId = body.view?.id as string;
    const target = { userId: inputs.user_id, channelId: inputs.channel_id };
    const session = await open(client, env, inputs, team_id);
    if (!session.ok) {
      await notifyUser(client, target, session.message);
      return;
    }
    try {
      const next = action.action_id === ONCALL_ACTIONS.back
        ? await listView(session, inputs.channel_id)
        : await oncallAction(
          session,
          inputs.channel_id,
          action.action_id,
          action.selected_option?.value,
        );
      if (!next.ok) {
        await notifyUser(client, target, next.message);
        return;
      }
      await client.views.update({ view_id: viewId, view: next.view });
    } catch (error) {
      await notifyUser(
        client,
        target,
        await explain(
          error,
          session,
          "list schedules and escalation policies",
        ),
      );
    }
  },
).addViewSubmissionHandler(
  ONCALL_FORM_CALLBACK_ID,
  async ({ inputs, client, env, view, team_id }) => {
    const metadata = JSON.parse(
      view.private_metadata ?? "{}",
    ) as OncallFormMetadata;
    const session = await open(client, env, inputs, team_id);
    return await saveOncallGroupForm(
      session.ok ? session : { message: session.message },
      metadata,
      view.state.values as Parameters<typeof saveOncallGroupForm>[2],
    );
  },
).addViewClosedHandler(
  [
    LIST_VIEW_CALLBACK_ID,
    FORM_VIEW_CALLBACK_ID,
    ONCALL_LIST_CALLBACK_ID,
    ONCALL_FORM_CALLBACK_ID,
  ],
  async ({ client, body }) => {
    await complete(client, body);
  },
);

/** Form errors are plain text under a field: drop the leading emoji code of the ephemeral wording. */
function stripEmoji(message: string): string {
  return message.replace(/^:[a-z_]+:\s*/, "");
}
