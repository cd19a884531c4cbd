import { explainToUser, type OpenModal } from "../../messages/loading-modal.ts";
import { explainPagerDutyError } from "../../pagerduty/explain-pagerduty-error.ts";
import { PagerDutyApiError } from "../../pagerduty/pagerduty-api-error.ts";
import type { IncidentActionContext } from "./incident-action-context.ts";

/**
 * Tells the clicker why PagerDuty refused `attempted` on this incident (role, state, not found, rate limit…),
 * in the modal they are looking at when there is one, and as an ephemeral message that stays after it closes.
 * Anything other than a PagerDuty answer is rethrown: it is a bug or an outage, and the function should fail.
 */
export async function explainActionFailure(
  ctx: IncidentActionContext,
  error: unknown,
  attempted: string,
  modal?: OpenModal,
): Promise<void> {
  if (!(error instanceof PagerDutyApiError)) throw error;
  const message = await explainPagerDutyError(error, {
    attempted,
    linkTriggerUrl: ctx.config.linkTriggerUrl,
    pagerDuty: ctx.pagerDuty,
    incidentId: ctx.incidentId,
  });
  await explainToUser(ctx.client, ctx.target, modal, message);
}
