import { notifyUser } from "../../messages/notify-user.ts";
import { explainPagerDutyError } from "../../pagerduty/explain-pagerduty-error.ts";
import { PagerDutyApiError } from "../../pagerduty/pagerduty-api-error.ts";
import type { IncidentActionContext } from "./incident-action-context.ts";

/**
 * Tells the clicker why PagerDuty refused `attempted` on this incident (role, state, not found, rate limit…).
 * Anything other than a PagerDuty answer is rethrown: it is a bug or an outage, and the function should fail.
 */
export async function explainActionFailure(
  ctx: IncidentActionContext,
  error: unknown,
  attempted: string,
): Promise<void> {
  if (!(error instanceof PagerDutyApiError)) throw error;
  await notifyUser(
    ctx.client,
    ctx.target,
    await explainPagerDutyError(error, {
      attempted,
      linkTriggerUrl: ctx.config.linkTriggerUrl,
      pagerDuty: ctx.pagerDuty,
      incidentId: ctx.incidentId,
    }),
  );
}
