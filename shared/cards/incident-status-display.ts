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

/**
 * A triggered low-urgency incident is open but not paging anyone awake: blue, so that red on a card always
 * means "triggered and high urgency" (PagerDuty's own list marks only high urgency in red).
 */
const LOW_URGENCY_TRIGGERED = { emoji: ":large_blue_circle:" } as const;

/** The status as a card shows it: the status's circle, blue instead of red for low urgency. */
export function statusDisplay(
  { status, urgency }: { status: IncidentStatus; urgency: Urgency },
): { emoji: string; label: string } {
  const display = STATUS_DISPLAY[status];
  return status === "triggered" && urgency === "low"
    ? { ...display, ...LOW_URGENCY_TRIGGERED }
    : display;
}

/** Urgency has its own symbols (never circles), so it is not mistaken for the status. */
export const URGENCY_DISPLAY: Record<
  Urgency,
  { emoji: string; label: string }
> = {
  high: { emoji: ":rotating_light:", label: "High" },
  low: { emoji: ":small_blue_diamond:", label: "Low" },
};
