import type { BridgeClient } from "../../bridge/bridge-client.ts";
import { knownTriggerUrls } from "../../bridge/known-trigger-urls.ts";
import {
  mrkdwnLink,
  mrkdwnLinkUrl,
} from "../../../shared/cards/mrkdwn-link.ts";
import { INCIDENT_DM_CHOICES } from "../my-notifications/mod.ts";

/** What follows "Linked to PagerDuty as …": the incident-DM offer, as text and (with a trigger URL) blocks. */
export interface DmOffer {
  text: string;
  blocks?: Record<string, unknown>[];
}

/**
 * Right after linking is when a person decides how PagerDuty should reach them (issue 18: DMs "opt-in … when
 * linking"). Off: a button into My notifications, whose form is the choice (all, high urgency, none). The button
 * is a `workflow_button` on the app's own link trigger, which keeps working after this function completes, unlike
 * a button bound to the function. Already on: say so. The bridge away or the trigger not registered yet (Set up
 * pagerslack not run): name the workflow in words.
 */
export async function offerIncidentDms(
  bridge: BridgeClient,
  slackUserId: string,
  /** The PagerDuty user just linked: DMs that are on follow it from now on. */
  pagerDutyUserId: string,
): Promise<DmOffer> {
  const [preferences, triggers] = await Promise.all([
    bridge.getNotificationPreferences(slackUserId),
    knownTriggerUrls(bridge),
  ]);
  const url = triggers.my_notifications;
  const mode = preferences.ok ? preferences.value.incident_dms : "off";
  if (preferences.ok && mode !== "off") {
    // Relinked to another PagerDuty account: the bridge maps assignees to people by that id, so DMs would keep
    // following the old account. Best effort: a failure leaves the old id, as before this link.
    if (preferences.value.pagerduty_user_id !== pagerDutyUserId) {
      await bridge.putNotificationPreferences(slackUserId, {
        pagerduty_user_id: pagerDutyUserId,
        incident_dms: mode,
      });
    }
    const how = INCIDENT_DM_CHOICES[mode].toLowerCase();
    return {
      text: `Incident DMs are on (${how}); *My notifications* changes that${
        mrkdwnLinkUrl(url) ? `: ${mrkdwnLink(url, "My notifications")}` : ""
      }.`,
    };
  }
  const ask =
    "Want the incidents PagerDuty assigns you by direct message too, with their buttons? They are off until you turn them on";
  if (!mrkdwnLinkUrl(url)) {
    return { text: `${ask}: run *My notifications*.` };
  }
  return {
    text: `${ask}: ${mrkdwnLink(url, "turn on incident DMs")}.`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `${ask}.` } },
      {
        type: "actions",
        elements: [{
          type: "workflow_button",
          action_id: "offer_incident_dms",
          text: { type: "plain_text", text: "Turn on incident DMs" },
          style: "primary",
          workflow: { trigger: { url } },
        }],
      },
    ],
  };
}
