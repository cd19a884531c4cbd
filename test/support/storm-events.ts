// Storm fixtures shared by the digest's sender tests (bridge/outbox/storm-digest.test.ts, deliver-digest.test.ts):
// incidents PSTORM001… on the harness's service, and what the harness channel's digests and cards show.
import type { IncidentEventType } from "../../shared/pagerduty/event-types.ts";
import type { IncidentEventOverrides } from "../../shared/incident/fixtures.ts";
import { DIGEST_METADATA_EVENT_TYPE } from "../../shared/cards/render-digest.ts";
import { type HarnessInTest, makeIncidentEvent, T0 } from "./sender-harness.ts";

export const at = (s: number) => new Date(T0 + s * 1000).toISOString();
export const STORM = { threshold: 10, quietMs: 60_000 };
export const idOf = (n: number) => `PSTORM${String(n).padStart(3, "0")}`;

export function stormEvent(
  type: IncidentEventType,
  n: number,
  s: number,
  extra: Omit<IncidentEventOverrides, "id" | "occurred_at" | "incident"> = {},
  incident: IncidentEventOverrides["incident"] = {},
) {
  return makeIncidentEvent(type, {
    id: `evt-${type}-${n}-${s}`,
    occurred_at: at(s),
    incident: {
      id: idOf(n),
      number: 100 + n,
      title: `Disk full on db-${n}`,
      ...incident,
    },
    ...extra,
  });
}
export const triggers = (from: number, count: number, s = 0) =>
  Array.from(
    { length: count },
    (_, i) => stormEvent("incident.triggered", from + i, s),
  );

type Message = ReturnType<HarnessInTest["cards"]>[number];
export const digestsIn = (messages: Message[]) =>
  messages.filter((m) => m.metadata?.event_type === DIGEST_METADATA_EVENT_TYPE);
export const cardsIn = (messages: Message[]) =>
  messages.filter((m) => m.metadata?.event_type === "pagerduty_incident");
export const shown = (message: Message) =>
  (message.metadata?.event_payload as { incidents: [string, string, string][] })
    .incidents;
