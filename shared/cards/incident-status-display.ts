import type { IncidentStatus, Urgency } from "../pagerduty/webhook-event.ts";

/** How each status reads on cards and updates. */
export const STATUS_DISPLAY: Record<
  IncidentStatus,
  { emoji: string; label: string }
> = {
  triggered: { emoji: ":red_circle:", label: "Triggered" },
  acknowledged: { emoji: ":large_yellow_circle:", label: "Acknowledged" },
  resolved: { emoji: ":large_green_circle:", label: "Resolved" },
};

export const URGENCY_DISPLAY: Record<Urgency, string> = {
  high: "High",
  low: "Low",
};
