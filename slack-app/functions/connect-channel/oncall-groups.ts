// What the Connect workflow's on-call user group views need and do: the groups come from the bridge (it keeps
// them), the Slack user groups from the bridge too (its bot has usergroups:read, the hosted app does not), the
// schedules and escalation policies from PagerDuty as the linked user (what they may see is what they may choose).
import type {
  OncallGroup,
  UsergroupList,
} from "../../../shared/bridge-api/bridge-api-schemas.ts";
import {
  type BridgeClient,
  type BridgeResult,
  describeBridgeFailure,
} from "../../bridge/bridge-client.ts";
import { missingScope } from "../../pagerduty/explain-pagerduty-error.ts";
import {
  listEscalationLevels,
  listSchedules,
} from "../../pagerduty/list-choices.ts";
import {
  isMissingScope,
  PagerDutyApiError,
} from "../../pagerduty/pagerduty-api-error.ts";
import type { PagerDutyClient } from "../../pagerduty/pagerduty-client.ts";
import {
  ONCALL_ACTIONS,
  ONCALL_FIELD_FOR_BRIDGE_ERROR,
  ONCALL_FIELDS,
  type OncallChoices,
  type OncallFormMetadata,
  oncallFormUnavailable,
  oncallGroupFormView,
  oncallGroupsListView,
  readOncallGroupForm,
} from "./oncall-group-views.ts";

/** The part of the Connect function's session these views use. */
export interface OncallSession {
  pagerDuty: PagerDutyClient;
  bridge: BridgeClient;
  linkTriggerUrl: string | undefined;
}

type ViewResult =
  | { ok: true; view: Record<string, unknown> }
  | { ok: false; message: string };

/** Why PagerDuty listed no schedules, when it refused: the form still offers policy levels. */
function schedulesUnavailable(
  error: PagerDutyApiError,
  linkTriggerUrl: string | undefined,
): string {
  if (isMissingScope(error)) {
    return missingScope(error.context.requiredScopes, {
      attempted:
        "list PagerDuty schedules, so only escalation policy levels are offered",
      linkTriggerUrl,
    });
  }
  return `:information_source: PagerDuty did not list schedules for you (${error.status}), so only escalation policy levels are offered.`;
}

/** Slack's `usergroups.list` is tier 2 (20 a minute per workspace, through the bridge): asked only when needed. */
const NO_USERGROUPS: BridgeResult<UsergroupList> = {
  ok: true,
  value: { usergroups: [], unavailable: null },
};

async function loadChoices(
  session: OncallSession,
  { usergroups: needed = true } = {},
): Promise<OncallChoices> {
  const [usergroups, schedules, policies] = await Promise.all([
    needed ? session.bridge.listUsergroups() : NO_USERGROUPS,
    listSchedules(session.pagerDuty).then(
      (schedules) => ({ schedules, schedulesUnavailable: null }),
      (error) => {
        if (!(error instanceof PagerDutyApiError) || error.status >= 500) {
          throw error;
        }
        return {
          schedules: [],
          schedulesUnavailable: schedulesUnavailable(
            error,
            session.linkTriggerUrl,
          ),
        };
      },
    ),
    listEscalationLevels(session.pagerDuty),
  ]);
  return {
    usergroups: usergroups.ok ? usergroups.value.usergroups : [],
    usergroupsUnavailable: usergroups.ok
      ? usergroups.value.unavailable &&
        `:information_source: Slack user groups cannot be used: ${usergroups.value.unavailable}.`
      : describeBridgeFailure(usergroups.failure, "list the Slack user groups"),
    ...schedules,
    policies,
  };
}

async function listGroups(
  session: OncallSession,
  attempted: string,
): Promise<
  { ok: true; groups: OncallGroup[] } | { ok: false; message: string }
> {
  const listed = await session.bridge.listOncallGroups();
  return listed.ok
    ? { ok: true, groups: listed.value.oncall_groups }
    : { ok: false, message: describeBridgeFailure(listed.failure, attempted) };
}

/** The list of on-call groups, with `notice` on top. Throws PagerDuty's errors (the caller explains them). */
export async function oncallListView(
  session: OncallSession,
  channelId: string,
  notice?: string,
): Promise<ViewResult> {
  const groups = await listGroups(session, "read the on-call user groups");
  if (!groups.ok) return groups;
  // The list names its groups by handle; with none, Slack's user groups are first needed by the form.
  const choices = await loadChoices(session, {
    usergroups: groups.groups.length > 0,
  });
  return {
    ok: true,
    view: oncallGroupsListView(channelId, groups.groups, choices, notice),
  };
}

/** A button or overflow choice in the on-call views (not Back, which shows the connections): the next view. */
export async function oncallAction(
  session: OncallSession,
  channelId: string,
  actionId: string,
  value: string | undefined,
): Promise<ViewResult> {
  if (actionId === ONCALL_ACTIONS.open) {
    return await oncallListView(session, channelId);
  }
  const [verb, groupId] = actionId === ONCALL_ACTIONS.add
    ? ["add", undefined]
    : String(value ?? "").split(/:(.*)/s);
  let existing: OncallGroup | undefined;
  if (groupId) {
    const groups = await listGroups(session, "change the on-call user group");
    if (!groups.ok) return groups;
    existing = groups.groups.find((g) => g.id === groupId);
    if (!existing) {
      return await oncallListView(
        session,
        channelId,
        ":mag: That on-call user group is gone (someone removed it meanwhile).",
      );
    }
  }
  if (verb === "remove" && existing) {
    const removed = await session.bridge.deleteOncallGroup(existing.id);
    return await oncallListView(
      session,
      channelId,
      removed.ok
        ? ":white_check_mark: Removed: the bridge no longer changes that user group (its members stay as they are)."
        : describeBridgeFailure(
          removed.failure,
          "remove the on-call user group",
        ),
    );
  }
  if (verb === "resume" && existing) {
    // Saving the group again is the bridge's "resume": it forgets the drift and sets the members at its next look.
    const resumed = await session.bridge.putOncallGroup(existing.id, {
      usergroup_id: existing.usergroup_id,
      source_type: existing.source_type,
      source_id: existing.source_id,
      escalation_level: existing.escalation_level,
    });
    return await oncallListView(
      session,
      channelId,
      resumed.ok
        ? ":white_check_mark: Resumed: the bridge sets the members to who is on call at its next look (within a minute)."
        : describeBridgeFailure(
          resumed.failure,
          "resume the on-call user group",
        ),
    );
  }
  const choices = await loadChoices(session);
  const unavailable = oncallFormUnavailable(choices);
  if (unavailable) return await oncallListView(session, channelId, unavailable);
  const metadata: OncallFormMetadata = {
    channel_id: channelId,
    group_id: existing?.id ?? crypto.randomUUID(),
  };
  return {
    ok: true,
    view: oncallGroupFormView(metadata, choices, existing),
  };
}

/** Form errors are plain text under a field: drop the leading emoji code of the ephemeral wording. */
const plain = (message: string) => message.replace(/^:[a-z_]+:\s*/, "");

/** The form's Save: the view submission's answer (errors stay in the form; saved shows the list again). */
export async function saveOncallGroupForm(
  session: OncallSession | { message: string },
  metadata: OncallFormMetadata,
  values: Parameters<typeof readOncallGroupForm>[0],
): Promise<
  | { response_action: "errors"; errors: Record<string, string> }
  | { response_action: "update"; view: Record<string, unknown> }
  | undefined
> {
  const read = readOncallGroupForm(values);
  if (!read.ok) return { response_action: "errors", errors: read.errors };
  if ("message" in session) {
    return {
      response_action: "errors",
      errors: { [ONCALL_FIELDS.usergroup]: plain(session.message) },
    };
  }
  const saved = await session.bridge.putOncallGroup(
    metadata.group_id,
    read.request,
  );
  if (!saved.ok) {
    const failure = saved.failure;
    const field = failure.kind === "invalid" && failure.field
      ? ONCALL_FIELD_FOR_BRIDGE_ERROR[failure.field]
      : undefined;
    return {
      response_action: "errors",
      errors: {
        [field ?? ONCALL_FIELDS.usergroup]: plain(
          describeBridgeFailure(failure, "save the on-call user group"),
        ),
      },
    };
  }
  const list = await oncallListView(
    session,
    metadata.channel_id,
    ":white_check_mark: Saved: the bridge sets the group's members to who is on call at its next look (within a minute).",
  ).catch(() => undefined);
  // Saved either way; closing the form is the honest fallback when the list cannot be shown.
  if (!list?.ok) return undefined;
  return { response_action: "update", view: list.view };
}
