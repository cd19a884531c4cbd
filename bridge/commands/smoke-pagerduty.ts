// `smoke`'s PagerDuty steps: the bridge's webhook subscription (doctor's check), a temporary connection of the
// test service to the test channel through the bridge API, an incident created on the test service, its card
// posted by the running bridge (so the webhook was delivered and its signature verified), then acknowledged and
// resolved through REST with the card following each time.
import { CARD_METADATA_EVENT_TYPE } from "../../shared/cards/render-card.ts";
import { INCIDENT_EVENT_TYPES } from "../../shared/pagerduty/event-types.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import { checkPagerDuty } from "./check-pagerduty.ts";
import type { BridgeApiCall, RestCall } from "./smoke-http.ts";
import { deleteMessage, findByMetadata } from "./smoke-slack.ts";
import { failed, passed, skipped, type SmokeStep } from "./smoke-step.ts";

export const PAGERDUTY_STEPS = {
  subscription: "pagerduty: webhook subscription",
  connection: "pagerduty: temporary connection",
  incident: "pagerduty: incident created",
  card: "pagerduty: webhook reached the bridge, card posted",
  acknowledged: "pagerduty: acknowledged, card follows",
  resolved: "pagerduty: resolved, card follows",
} as const;

export interface PagerDutySmokeInput {
  pagerDuty: PagerDutyClient;
  rest: RestCall;
  bridge: BridgeApiCall;
  slack: SlackClient;
  channel: string;
  service: string;
  /** The bridge's public webhook URL when known: the subscription must deliver there. */
  webhookUrl: string | null;
  runId: string;
  onCleanup: (name: string, work: () => Promise<string | null>) => void;
  /** How long the card may take to appear or change. */
  waitMs: number;
  sleep?: (ms: number) => Promise<void>;
}

const NOT_DELIVERED =
  "PagerDuty did not deliver the webhook, or the bridge refused it: run doctor, check that PAGERDUTY_WEBHOOK_SECRETS holds the subscription's secret (the bridge logs a refused signature) and that the subscription covers the test service";

export async function smokePagerDuty(
  input: PagerDutySmokeInput,
): Promise<SmokeStep[]> {
  const { rest, bridge, slack, channel, service, runId, onCleanup } = input;
  const sleep = input.sleep ??
    ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  // doctor's subscription check: a disabled subscription, or one delivering elsewhere, is named here.
  const steps: SmokeStep[] = (await checkPagerDuty(
    input.pagerDuty,
    input.webhookUrl,
  )).filter((c) => !c.ok || c.name === "webhook subscription").map((c) =>
    c.ok
      ? passed(PAGERDUTY_STEPS.subscription, c.detail)
      : failed(`${PAGERDUTY_STEPS.subscription}`, `${c.name}: ${c.detail}`)
  );
  const rest_ = Object.values(PAGERDUTY_STEPS).slice(1);
  if (steps.some((s) => !s.ok)) {
    return [
      ...steps,
      ...rest_.map((s) => skipped(s, "no working subscription")),
    ];
  }

  const connectionId = `smoke-${runId}`;
  const connected = await bridge("PUT", `/connections/${connectionId}`, {
    channel_id: channel,
    source_type: "service",
    source_id: service,
    notification_type: "responder",
    events: [...INCIDENT_EVENT_TYPES],
    urgency: null,
    priorities: null,
    thread_updates: true,
  });
  if (!connected.ok) {
    steps.push(
      failed(
        PAGERDUTY_STEPS.connection,
        `PUT /api/v1/connections: ${connected.error}`,
        connected.status === 401
          ? "the token is not in the bridge's PAGERSLACK_API_TOKENS"
          : connected.status === null
          ? "the bridge is not reachable at --bridge-url"
          : undefined,
      ),
    );
    return [
      ...steps,
      ...rest_.slice(1).map((s) => skipped(s, "no connection")),
    ];
  }
  // Registered before the connection's and the incident's, so it runs last (cleanups run newest first): once
  // the incident is resolved and the connection removed, the bridge has no reason to post the card again. Also looked for when
  // the wait gave up, in case it came late.
  let incidentId: string | null = null;
  onCleanup("slack: incident card deleted", async () => {
    if (incidentId === null) return null;
    const found = await findByMetadata(
      slack,
      channel,
      (m) =>
        m.metadata?.event_type === CARD_METADATA_EVENT_TYPE &&
        m.metadata.event_payload?.incident_id === incidentId,
    );
    if (!found.ok) {
      return `conversations.history: ${found.error}: delete the card of ${incidentId} in ${channel} by hand`;
    }
    return found.message
      ? await deleteMessage(slack, channel, found.message.ts)
      : null;
  });
  onCleanup("bridge: temporary connection removed", async () => {
    const removed = await bridge("DELETE", `/connections/${connectionId}`);
    return removed.ok || removed.status === 404
      ? null
      : `DELETE /api/v1/connections/${connectionId}: ${removed.error}`;
  });
  steps.push(
    passed(
      PAGERDUTY_STEPS.connection,
      `${service} → ${channel} (removed at the end)`,
    ),
  );

  const created = await rest<{ incident: { id: string } }>(
    "POST",
    "/incidents",
    {
      incident: {
        type: "incident",
        title: `pagerslack smoke test ${runId} (resolved at once)`,
        service: { id: service, type: "service_reference" },
        urgency: "low",
        incident_key: `pagerslack-smoke-${runId}`,
      },
    },
  );
  if (!created.ok) {
    steps.push(
      failed(
        PAGERDUTY_STEPS.incident,
        `POST /incidents: ${created.error}`,
        "pass --from with the email of a PagerDuty user who may create incidents on --service, and a full-access PAGERDUTY_API_TOKEN",
      ),
    );
    return [...steps, ...rest_.slice(2).map((s) => skipped(s, "no incident"))];
  }
  const id = created.body.incident.id;
  incidentId = id;
  let resolved = false;
  const setStatus = (status: "acknowledged" | "resolved") =>
    rest("PUT", `/incidents/${id}`, {
      incident: { type: "incident_reference", status },
    });
  onCleanup("pagerduty: test incident resolved", async () => {
    if (resolved) return null;
    const answer = await setStatus("resolved");
    return answer.ok ? null : `resolve ${id} by hand (${answer.error})`;
  });
  steps.push(passed(PAGERDUTY_STEPS.incident, `${id} on ${service}`));

  /** The incident's card in the channel once `status` shows, or undefined after waitMs. */
  const waitForCard = async (status: string | null) => {
    const deadline = Date.now() + input.waitMs;
    for (;;) {
      const found = await findByMetadata(
        slack,
        channel,
        (m) =>
          m.metadata?.event_type === CARD_METADATA_EVENT_TYPE &&
          m.metadata.event_payload?.incident_id === id &&
          (status === null || m.metadata.event_payload?.status === status),
      );
      if (found.ok && found.message) return found.message;
      if (Date.now() >= deadline) return undefined;
      await sleep(500);
    }
  };
  const card = await waitForCard(null);
  if (!card) {
    steps.push(
      failed(
        PAGERDUTY_STEPS.card,
        `no card for ${id} in ${channel} after ${input.waitMs / 1000}s`,
        NOT_DELIVERED,
      ),
    );
    return [...steps, ...rest_.slice(3).map((s) => skipped(s, "no card"))];
  }
  steps.push(passed(PAGERDUTY_STEPS.card, `card ${card.ts} in ${channel}`));

  for (
    const [status, name] of [
      ["acknowledged", PAGERDUTY_STEPS.acknowledged],
      ["resolved", PAGERDUTY_STEPS.resolved],
    ] as const
  ) {
    const answer = await setStatus(status);
    if (!answer.ok) {
      steps.push(failed(name, `PUT /incidents/${id}: ${answer.error}`));
      continue;
    }
    if (status === "resolved") resolved = true;
    steps.push(
      await waitForCard(status)
        ? passed(name, `the card shows ${status}`)
        : failed(
          name,
          `the card did not change to ${status} within ${input.waitMs / 1000}s`,
          NOT_DELIVERED,
        ),
    );
  }
  return steps;
}
