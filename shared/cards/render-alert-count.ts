// "3 alerts (2 triggered)": how many monitoring-tool alerts an open incident groups (the REST incident's
// `alert_counts`). Shown only when there are several: one alert is every incident's normal case, and the card
// already shows that alert's context.
import type { AlertCounts } from "../pagerduty/pagerduty-resources.ts";

export function renderAlertCount(
  counts: AlertCounts | null | undefined,
): string | null {
  if (!counts || !Number.isInteger(counts.all) || counts.all <= 1) return null;
  const triggered = Number.isInteger(counts.triggered)
    ? Math.max(0, Math.min(counts.triggered, counts.all))
    : null;
  return triggered === null
    ? `${counts.all} alerts`
    : `${counts.all} alerts (${triggered} triggered)`;
}
