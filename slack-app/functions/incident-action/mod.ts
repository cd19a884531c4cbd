import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import {
  ACK_ALL_ACTION,
  CARD_ACTIONS,
  NOTE_ACTION,
  RESOLVE_NOW_ACTION,
} from "../../../shared/cards/card-actions.ts";
import { escapeMrkdwn } from "../../../shared/cards/escape-mrkdwn.ts";
import { PAGERDUTY_PROVIDER_KEY } from "../../auth/pagerduty-oauth-provider.ts";
import {
  explainToUser,
  openLoadingModal,
  type OpenModal,
  openModal,
} from "../../messages/loading-modal.ts";
import { notifyUser } from "../../messages/notify-user.ts";
import { fillForm } from "../../messages/open-form.ts";
import { connectAsUser } from "../../pagerduty/connect-as-user.ts";
import type { PagerDutyIncident } from "../../../shared/pagerduty/pagerduty-resources.ts";
import { changeStatusAction } from "./change-status-action.ts";
import {
  acknowledgeAllAction,
  parseIncidentIds,
} from "./acknowledge-all-action.ts";
import { completeLater } from "../complete-later.ts";
import { explainActionFailure } from "./explain-action-failure.ts";
import { finishAction } from "./finish-action.ts";
import { MORE_ACTIONS, readMoreForm } from "./more-actions.ts";
import {
  MORE_CHOOSE_ACTION_ID,
  MORE_FORM_CALLBACK_ID,
  MORE_MENU_CALLBACK_ID,
  MORE_MENU_FRAME,
  type MoreFormMetadata,
  moreFormView,
  moreMenuView,
} from "./more-view.ts";
import type {
  ActionOutcome,
  IncidentActionContext,
} from "./incident-action-context.ts";
import {
  RESOLUTION_ACTION_ID,
  RESOLUTION_BLOCK_ID,
  RESOLVE_FRAME,
  RESOLVE_VIEW_CALLBACK_ID,
  resolveView,
} from "./resolve-view.ts";

export const IncidentActionFunction = DefineFunction({
  callback_id: "incident_action",
  title: "Act on a PagerDuty incident",
  description: "Acknowledge, resolve or open more actions for an incident",
  source_file: "slack-app/functions/incident-action/mod.ts",
  input_parameters: {
    properties: {
      incident_id: { type: Schema.types.string },
      action: { type: Schema.types.string },
      /** With action "note" (`/pd note N text` through the bridge): the note, added at once. */
      note: { type: Schema.types.string },
      user_id: { type: Schema.slack.types.user_id },
      channel_id: { type: Schema.slack.types.channel_id },
      /** The clicked card's ts: feedback goes into its thread. */
      message_ts: { type: Schema.types.string },
      interactivity: { type: Schema.slack.types.interactivity },
      pagerduty_access_token_id: {
        type: Schema.slack.types.oauth2,
        oauth2_provider_key: PAGERDUTY_PROVIDER_KEY,
      },
    },
    required: [
      "incident_id",
      "action",
      "user_id",
      "pagerduty_access_token_id",
    ],
  },
  output_parameters: {
    properties: {
      /** "done", "already", "cancelled" or "failed", for later workflow steps. */
      outcome: { type: Schema.types.string },
    },
    required: ["outcome"],
  },
});

interface ActionInputs {
  incident_id: string;
  action: string;
  user_id: string;
  channel_id?: string;
  message_ts?: string;
  pagerduty_access_token_id: string;
}

type Session =
  | { ok: true; ctx: IncidentActionContext }
  | { ok: false };

/** Where the clicker's feedback goes: into the card's thread when there is a card. */
function feedbackTarget(inputs: ActionInputs) {
  return {
    userId: inputs.user_id,
    channelId: inputs.channel_id,
    threadTs: inputs.message_ts || undefined,
  };
}

/**
 * Connects as the user, or tells them why not (link prompt…), also in `modal` when one is loading, and returns
 * `ok: false`.
 */
async function openSession(
  client: SlackAPIClient,
  env: Record<string, string>,
  /** The function context's `team_id`: the bridge serves several workspaces and is told whose card this is. */
  teamId: string | undefined,
  inputs: ActionInputs,
  incidentId: string,
  modal?: OpenModal,
): Promise<Session> {
  const target = feedbackTarget(inputs);
  const session = await connectAsUser(
    client,
    env,
    inputs.pagerduty_access_token_id,
    teamId,
  );
  if (!session.ok) {
    await explainToUser(client, target, modal, session.message);
    return { ok: false };
  }
  return {
    ok: true,
    ctx: {
      client,
      pagerDuty: session.pagerDuty,
      config: session.config,
      bridge: session.bridge,
      incidentId,
      target,
    },
  };
}

export default SlackFunction(
  IncidentActionFunction,
  async ({ inputs, client, env, team_id }) => {
    const incidentId = inputs.incident_id.trim();
    const pointer = inputs.interactivity?.interactivity_pointer;
    // A modal first, while the ~3 s interactivity pointer is fresh: connecting and PagerDuty come after.
    if (inputs.action === CARD_ACTIONS.resolve.value) {
      // The resolve form needs nothing from PagerDuty: open it, then check the user can be connected (the
      // submission connects again), so someone unlinked reads why in the form rather than after writing a note.
      const opened = await openModal(
        client,
        pointer,
        RESOLVE_FRAME,
        resolveView(incidentId),
      );
      if (opened.ok) {
        const session = await openSession(
          client,
          env,
          team_id,
          inputs,
          incidentId,
          opened.modal,
        );
        return session.ok
          ? { completed: false }
          : { outputs: { outcome: "failed" } };
      }
    }
    if (inputs.action === CARD_ACTIONS.more.value) {
      return await openMoreMenu(
        client,
        env,
        team_id,
        inputs,
        incidentId,
        pointer,
      );
    }
    const session = await openSession(client, env, team_id, inputs, incidentId);
    if (!session.ok) return { outputs: { outcome: "failed" } };
    const { ctx } = session;
    switch (inputs.action) {
      case CARD_ACTIONS.acknowledge.value:
        return {
          outputs: { outcome: await changeStatusAction(ctx, "acknowledged") },
        };
      case CARD_ACTIONS.resolve.value:
        // The note is optional: without a way to open the modal, resolve right away.
        return {
          outputs: { outcome: await changeStatusAction(ctx, "resolved") },
        };
      case RESOLVE_NOW_ACTION:
        return {
          outputs: {
            outcome: await changeStatusAction(
              ctx,
              "resolved",
              inputs.note?.trim() || undefined,
            ),
          },
        };
      case ACK_ALL_ACTION:
        // A storm digest's button: `incident_id` holds the digest's open incidents, comma-separated.
        return {
          outputs: {
            outcome: await acknowledgeAllAction(
              ctx,
              parseIncidentIds(inputs.incident_id),
            ),
          },
        };
      case NOTE_ACTION: {
        const note = MORE_ACTIONS.note!;
        const outcome = await finishAction(
          ctx,
          note.attempted,
          async () =>
            note.run(
              {
                ...deps(ctx, inputs.user_id),
                incident: await getIncident(ctx),
              },
              { text: inputs.note?.trim() ?? "", choices: [] },
            ),
          { refreshCard: note.refreshesCard },
        );
        return { outputs: { outcome } };
      }
      default:
        await notifyUser(
          client,
          ctx.target,
          `:grey_question: This button asks for "${
            escapeMrkdwn(inputs.action)
          }", which this version of pagerslack does not know. The card may be older than the app: ask for a refresh.`,
        );
        return { outputs: { outcome: "failed" } };
    }
  },
).addViewSubmissionHandler(
  RESOLVE_VIEW_CALLBACK_ID,
  ({ inputs, client, env, view, body, team_id }) => {
    const note = view.state.values[RESOLUTION_BLOCK_ID]?.[RESOLUTION_ACTION_ID]
      ?.value as string | null | undefined;
    // Answer now (the modal closes): resolving is a PagerDuty write, a note and a card refresh.
    completeLater(client, body.function_data.execution_id, async () => {
      const session = await openSession(
        client,
        env,
        team_id,
        inputs,
        view.private_metadata ?? inputs.incident_id,
      );
      const outcome: ActionOutcome = session.ok
        ? await changeStatusAction(
          session.ctx,
          "resolved",
          note?.trim() || undefined,
        )
        : "failed";
      return { outcome };
    });
  },
).addBlockActionsHandler(
  MORE_CHOOSE_ACTION_ID,
  async ({ action, inputs, client, env, body, team_id }) => {
    const viewId = (body.view as { id?: string } | undefined)?.id;
    const incidentId = String(
      (body.view as { private_metadata?: string } | undefined)
        ?.private_metadata || inputs.incident_id,
    );
    const kind = String(action.selected_option?.value ?? "");
    const more = MORE_ACTIONS[kind];
    const session = await openSession(client, env, team_id, inputs, incidentId);
    if (!session.ok || !more || !viewId) return;
    const { ctx } = session;
    try {
      const incident = await getIncident(ctx);
      const blocks = await more.form({
        ...deps(ctx, inputs.user_id),
        incident,
      });
      await client.views.update({
        view_id: viewId,
        view: moreFormView({ incident_id: incidentId, kind }, incident, blocks),
      });
    } catch (error) {
      await explainActionFailure(ctx, error, more.attempted);
    }
  },
).addViewSubmissionHandler(
  MORE_FORM_CALLBACK_ID,
  ({ inputs, client, env, view, body, team_id }) => {
    const metadata = JSON.parse(
      view.private_metadata ?? "{}",
    ) as MoreFormMetadata;
    const more = MORE_ACTIONS[metadata.kind];
    const values = readMoreForm(
      view.state.values as Parameters<typeof readMoreForm>[0],
    );
    // Answer now (the modal closes): the action is PagerDuty calls and maybe a card refresh.
    completeLater(client, body.function_data.execution_id, async () => {
      const session = await openSession(
        client,
        env,
        team_id,
        inputs,
        metadata.incident_id,
      );
      if (!session.ok || !more) return { outcome: "failed" };
      const { ctx } = session;
      const outcome: ActionOutcome = await finishAction(
        ctx,
        more.attempted,
        async () =>
          more.run(
            { ...deps(ctx, inputs.user_id), incident: await getIncident(ctx) },
            values,
          ),
        { refreshCard: more.refreshesCard },
      );
      return { outcome };
    });
  },
).addViewClosedHandler(
  [MORE_MENU_CALLBACK_ID, MORE_FORM_CALLBACK_ID],
  async ({ client, body }) => {
    await client.functions.completeSuccess({
      function_execution_id: body.function_data.execution_id,
      outputs: { outcome: "cancelled" },
    });
  },
).addViewClosedHandler(
  RESOLVE_VIEW_CALLBACK_ID,
  async ({ client, body }) => {
    await client.functions.completeSuccess({
      function_execution_id: body.function_data.execution_id,
      outputs: { outcome: "cancelled" },
    });
  },
);

function deps(ctx: IncidentActionContext, userId: string) {
  return { pagerDuty: ctx.pagerDuty, bridge: ctx.bridge, userId };
}

async function getIncident(
  ctx: IncidentActionContext,
): Promise<PagerDutyIncident> {
  return (await ctx.pagerDuty.get<{ incident: PagerDutyIncident }>(
    `/incidents/${encodeURIComponent(ctx.incidentId)}`,
  )).incident;
}

/**
 * "More actions…": a loading modal at once, then the incident's details and the menu in it; the function's
 * answer. When the user cannot be connected or PagerDuty refuses, the modal says why (and so does an ephemeral).
 */
async function openMoreMenu(
  client: SlackAPIClient,
  env: Record<string, string>,
  teamId: string | undefined,
  inputs: ActionInputs,
  incidentId: string,
  pointer: string | undefined,
): Promise<{ completed: false } | { outputs: { outcome: ActionOutcome } }> {
  const failed = { outputs: { outcome: "failed" as const } };
  const opened = await openLoadingModal(client, pointer, MORE_MENU_FRAME);
  if (!opened.ok) {
    await notifyUser(
      client,
      feedbackTarget(inputs),
      `:warning: Slack would not open the actions menu (${
        escapeMrkdwn(opened.error)
      }). Click *More actions…* again.`,
    );
    return failed;
  }
  const session = await openSession(
    client,
    env,
    teamId,
    inputs,
    incidentId,
    opened.modal,
  );
  if (!session.ok) return failed;
  let incident: PagerDutyIncident;
  try {
    incident = await getIncident(session.ctx);
  } catch (error) {
    await explainActionFailure(
      session.ctx,
      error,
      "open this incident",
      opened.modal,
    );
    return failed;
  }
  const filled = await fillForm(client, opened.modal, moreMenuView(incident));
  return "completed" in filled ? filled : failed;
}
