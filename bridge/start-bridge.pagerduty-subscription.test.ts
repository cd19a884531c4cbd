// Item 5 of issue 16 end to end: the bridge starts without PAGERDUTY_WEBHOOK_SECRETS, creates its subscription
// in (simulated) PagerDuty with the full-access key, keeps the secret sealed, and accepts PagerDuty's signed
// deliveries with it (that a later start finds it again is in bridge/pagerduty/ensure-webhook-subscription.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../test/e2e/wait-for.ts";
import {
  startStatusBridge,
  type StatusBridge,
} from "../test/support/start-status-bridge.ts";
import { openDatabase } from "./db/open-database.ts";

let env: StatusBridge;
beforeAll(async () => {
  env = await startStatusBridge();
});
afterAll(() => env?.stop());

const ours = () =>
  [...env.pd.state.webhookSubscriptions.values()].filter((s) =>
    s.url === `${env.url}/webhooks/pagerduty`
  );

describe("the bridge keeps its own PagerDuty subscription", () => {
  it("creates it at start, verifies deliveries with the kept secret, never logs it", async () => {
    const [subscription] = await waitFor(() => ours().length > 0 && ours(), {
      what: "the bridge's subscription",
    });
    await waitFor(
      () =>
        env.logs.some((l) =>
          l.msg.startsWith("created PagerDuty webhook subscription")
        ),
      { what: "the log line" },
    );
    const incident = env.pd.triggerIncident({
      serviceId: env.account.services.checkout,
      title: "Checkout is down",
    });
    const database = openDatabase(env.databaseUrl);
    try {
      await waitFor(
        async () =>
          (await database.db.selectFrom("webhook_inbox").select("event_id")
            .where("incident_id", "=", incident.id).execute()).length > 0,
        {
          what: "the signed delivery stored",
        },
      );
    } finally {
      await database.close();
    }
    expect(JSON.stringify(env.logs)).not.toContain(subscription!.secrets[0]);
    expect(
      env.logs.some((l) =>
        l.msg.includes("PAGERDUTY_WEBHOOK_SECRETS is not set")
      ),
    )
      .toBe(false);
  });
});
