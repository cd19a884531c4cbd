import { describeBridgeFailure } from "../../bridge/bridge-client.ts";
import { notifyUser } from "../../messages/notify-user.ts";
import { explainActionFailure } from "./explain-action-failure.ts";
import type {
  ActionOutcome,
  IncidentActionContext,
} from "./incident-action-context.ts";

/**
 * Runs one PagerDuty change as the user and always answers them: success text (then a card refresh
 * through the bridge, since the card is only ever rendered by the bridge), or the explained failure.
 */
export async function finishAction(
  ctx: IncidentActionContext,
  attempted: string,
  change: () => Promise<{ outcome: ActionOutcome; message: string }>,
  { refreshCard = true }: { refreshCard?: boolean } = {},
): Promise<ActionOutcome> {
  let result: { outcome: ActionOutcome; message: string };
  try {
    result = await change();
  } catch (error) {
    await explainActionFailure(ctx, error, attempted);
    return "failed";
  }
  let message = result.message;
  if (result.outcome === "done" && refreshCard) {
    const refreshed = await ctx.bridge.refreshCards(ctx.incidentId);
    if (!refreshed.ok && refreshed.failure.kind !== "not_configured") {
      // The change is made in PagerDuty; its webhook will still update the card, only later.
      message += `\n_${
        describeBridgeFailure(refreshed.failure, "refresh the card")
      } The card will catch up when PagerDuty's webhook arrives._`;
    }
  }
  await notifyUser(ctx.client, ctx.target, message);
  return result.outcome;
}
