// The escalation level and who is next, read off PagerDuty's on-call list (the simulator's REST API).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIncidentSnapshot } from "../../shared/incident/fixtures.ts";
import type { IncidentSnapshot } from "../../shared/incident/incident-snapshot.ts";
import { renderCard } from "../../shared/cards/render-card.ts";
import { renderCardText } from "../../shared/cards/render-card-text.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../../test/simulators/pagerduty/start-pagerduty-simulator.ts";
import {
  type DemoAccount,
  seedDemoAccount,
} from "../../test/simulators/pagerduty/seed-demo-account.ts";
import { createPagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import { createEscalationLookup } from "./look-up-escalation.ts";

let pd: PagerDutySimulator;
let account: DemoAccount;
beforeAll(async () => {
  pd = await startPagerDutySimulator();
  account = seedDemoAccount(pd);
});
afterAll(() => pd.close());

let clock = Date.parse("2026-08-20T10:00:00Z");
const failures: string[] = [];
const lookup = () =>
  createEscalationLookup({
    pagerDuty: createPagerDutyClient({
      apiUrl: pd.url,
      token: account.apiKey,
      now: () => clock,
    }),
    timeoutMs: 2000,
    now: () => clock,
    failed: (_error, policyId) => {
      failures.push(policyId);
      return clock + 30_000;
    },
  });

/** The card's snapshot of a simulator incident, as webhooks would have built it. */
function snapshotOf(incidentId: string): IncidentSnapshot {
  const incident = pd.incident(incidentId)!;
  const policy = pd.state.escalationPolicies.get(incident.escalationPolicyId)!;
  return makeIncidentSnapshot({
    id: incident.id,
    status: incident.status,
    escalation_policy: {
      id: policy.id,
      type: "escalation_policy_reference",
      summary: policy.name,
    },
    assignees: incident.assignments.map((a) => ({
      id: a.userId,
      type: "user_reference",
      summary: pd.state.users.get(a.userId)!.name,
    })),
  });
}

const policyCalls = () =>
  pd.requests().filter((r) =>
    r.path.startsWith("/escalation_policies/") || r.path === "/oncalls"
  ).length;

describe("createEscalationLookup", () => {
  it("says the level the assignees are on and who is next, and the card shows it", async () => {
    const incident = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Level one",
    });
    const lookUp = lookup();
    const standing = await lookUp(snapshotOf(incident.id));
    expect(standing).toEqual({
      level: 1,
      levels: 2,
      next: [{
        id: account.users.manager.id,
        type: "user_reference",
        summary: "Maya Manager",
      }],
    });
    const text = renderCardText(
      renderCard({ ...snapshotOf(incident.id), escalation: standing }, {
        kind: "responder",
        actionsTriggerUrl: null,
      }).blocks,
    );
    expect(text).toContain(
      "Escalation policy: Checkout escalation\nLevel 1 of 2 · next: Maya Manager",
    );

    pd.updateIncident(incident.id, { escalation_level: 2 }, null);
    clock += 61_000;
    expect(await lookUp(snapshotOf(incident.id))).toEqual({
      level: 2,
      levels: 2,
      next: [],
    });
    expect(
      renderCardText(
        renderCard({
          ...snapshotOf(incident.id),
          escalation: { level: 2, levels: 2, next: [] },
        }, { kind: "responder", actionsTriggerUrl: null }).blocks,
      ),
    ).toContain("Level 2 of 2 · last level");
  });

  it("asks PagerDuty once per policy and minute, however many cards render", async () => {
    const lookUp = lookup();
    const ids = [1, 2, 3].map((n) =>
      pd.triggerIncident({
        serviceId: account.services.checkout,
        title: `Storm ${n}`,
      }).id
    );
    clock += 61_000;
    const before = policyCalls();
    await Promise.all(ids.flatMap((id) => [lookUp(snapshotOf(id))]));
    for (const id of ids) await lookUp(snapshotOf(id));
    expect(policyCalls() - before).toBe(2);
    clock += 61_000;
    await lookUp(snapshotOf(ids[0]!));
    expect(policyCalls() - before).toBe(4);
  });

  it("says nothing for resolved incidents, assignees on call nowhere, or a policy PagerDuty does not know", async () => {
    const lookUp = lookup();
    const incident = pd.triggerIncident({
      serviceId: account.services.checkout,
      title: "Odd ones",
    });
    const snapshot = snapshotOf(incident.id);
    expect(await lookUp({ ...snapshot, status: "resolved" })).toBeNull();
    expect(
      await lookUp({
        ...snapshot,
        assignees: [{ id: account.users.admin.id, type: "user_reference" }],
      }),
    ).toBeNull();
    failures.length = 0;
    const unknown = {
      ...snapshot,
      escalation_policy: { id: "PNOSUCH", type: "escalation_policy_reference" },
    };
    expect(await lookUp(unknown)).toBeNull();
    expect(failures).toEqual(["PNOSUCH"]);
    // The failure is remembered: no second call while it holds.
    const before = policyCalls();
    expect(await lookUp(unknown)).toBeNull();
    expect(policyCalls()).toBe(before);
  });
});
