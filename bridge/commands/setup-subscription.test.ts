import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { INCIDENT_EVENT_TYPES } from "../../shared/pagerduty/event-types.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../../test/simulators/pagerduty/start-pagerduty-simulator.ts";
import { seedDemoAccount } from "../../test/simulators/pagerduty/seed-demo-account.ts";
import { createPagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import { PagerDutyApiError } from "../pagerduty/pagerduty-api-error.ts";
import { setupSubscription } from "./setup-subscription.ts";

const URL_ = "https://bridge.example.com/webhooks/pagerduty";

describe("setupSubscription", () => {
  let sim: PagerDutySimulator;
  let demo: ReturnType<typeof seedDemoAccount>;
  beforeEach(async () => {
    sim = await startPagerDutySimulator();
    demo = seedDemoAccount(sim);
  });
  afterEach(() => sim.close());

  const client = (token: string) =>
    createPagerDutyClient({ apiUrl: sim.url, token });

  it("creates a subscription for every incident event and returns its secret once", async () => {
    const result = await setupSubscription({
      pagerDuty: client(demo.apiKey),
      url: URL_,
      filter: { type: "service_reference", id: demo.services.checkout },
    });
    expect(result.kind).toBe("created");
    if (result.kind !== "created") return;
    expect(result.secret.length).toBeGreaterThan(10);
    const stored = sim.state.webhookSubscriptions.get(result.id);
    expect(stored?.url).toBe(URL_);
    expect(stored?.events.sort()).toEqual([...INCIDENT_EVENT_TYPES].sort());
    expect(stored?.filter).toEqual({
      type: "service_reference",
      id: demo.services.checkout,
    });
    // PagerDuty never shows the secret again.
    const again = await client(demo.apiKey).get<
      { webhook_subscription: { delivery_method: { secret?: string | null } } }
    >(`/webhook_subscriptions/${result.id}`);
    expect(again.webhook_subscription.delivery_method.secret ?? null).toBe(
      null,
    );
  });

  it("does not create a second subscription for the same URL and filter", async () => {
    const first = await setupSubscription({
      pagerDuty: client(demo.apiKey),
      url: URL_,
      filter: { type: "account_reference" },
    });
    const second = await setupSubscription({
      pagerDuty: client(demo.apiKey),
      url: URL_,
      filter: { type: "account_reference" },
    });
    expect(second).toEqual({
      kind: "exists",
      id: first.kind === "created" ? first.id : "",
      active: true,
    });
    expect(sim.state.webhookSubscriptions.size).toBe(1);
  });

  it("passes PagerDuty's reason through when it refuses the filter", async () => {
    const refused = setupSubscription({
      pagerDuty: client(demo.apiKey),
      url: URL_,
      filter: { type: "service_reference", id: "PNOPE00" },
    });
    await expect(refused).rejects.toThrow(
      "PagerDuty /webhook_subscriptions: Service PNOPE00 not found (400 Invalid Input Provided, code 2001)",
    );
    await expect(refused).rejects.toMatchObject({
      status: 400,
      code: 2001,
      errors: ["Service PNOPE00 not found"],
    });
    expect(sim.state.webhookSubscriptions.size).toBe(0);
  });

  it("surfaces PagerDuty's refusal of a read-only key as a typed error", async () => {
    await expect(setupSubscription({
      pagerDuty: client(demo.readOnlyApiKey),
      url: URL_,
      filter: { type: "account_reference" },
    })).rejects.toSatisfy((error) =>
      error instanceof PagerDutyApiError && error.status === 403
    );
    expect(sim.state.webhookSubscriptions.size).toBe(0);
  });
});
