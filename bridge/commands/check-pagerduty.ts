// doctor's view of PagerDuty: whether the API token works, and whether a webhook subscription delivers to the
// bridge and is still enabled.
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import { PagerDutyApiError } from "../pagerduty/pagerduty-api-error.ts";
import type { DoctorCheck } from "./run-doctor.ts";
import { listSubscriptions } from "./setup-subscription.ts";

const WEBHOOK_PATH = "/webhooks/pagerduty";

export async function checkPagerDuty(
  pagerDuty: PagerDutyClient | null,
  webhookUrl: string | null,
): Promise<DoctorCheck[]> {
  if (!pagerDuty) {
    return [{
      name: "pagerduty",
      ok: true,
      detail:
        "PAGERDUTY_API_TOKEN not set: cards render from webhooks alone (no enrichment, no subscription check)",
    }];
  }
  try {
    await pagerDuty.get("/abilities");
  } catch (error) {
    return [{ name: "pagerduty", ok: false, detail: explain(error) }];
  }
  const checks: DoctorCheck[] = [{
    name: "pagerduty",
    ok: true,
    detail: "API token works",
  }];
  try {
    const ours = (await listSubscriptions(pagerDuty)).filter((s) =>
      webhookUrl
        ? s.delivery_method.url === webhookUrl
        : s.delivery_method.url.endsWith(WEBHOOK_PATH)
    );
    if (ours.length === 0) {
      checks.push({
        name: "webhook subscription",
        ok: false,
        detail: `none delivers to ${
          webhookUrl ?? `a …${WEBHOOK_PATH} URL`
        } (create one with the setup command)`,
      });
    }
    for (const s of ours) {
      checks.push(
        s.active === false
          ? {
            name: "webhook subscription",
            ok: false,
            detail:
              `${s.id} is disabled (PagerDuty disables a subscription after repeated failed deliveries); fix the bridge, then POST /webhook_subscriptions/${s.id}/enable`,
          }
          : {
            name: "webhook subscription",
            ok: true,
            detail: `${s.id} active, delivering to ${s.delivery_method.url}`,
          },
      );
    }
  } catch (error) {
    checks.push({
      name: "webhook subscription",
      ok: false,
      detail: explain(error),
    });
  }
  return checks;
}

function explain(error: unknown): string {
  if (error instanceof PagerDutyApiError) {
    if (error.status === 401) {
      return "PAGERDUTY_API_TOKEN was refused (401): create a REST API key in PagerDuty and set it";
    }
    if (error.status === 403) {
      return "PAGERDUTY_API_TOKEN lacks permission (403): use a full-access (not read-only) API key";
    }
  }
  return (error as Error).message;
}
