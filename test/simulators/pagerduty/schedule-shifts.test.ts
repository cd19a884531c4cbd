import { afterEach, describe, expect, it } from "vitest";
import { createTestClient, type Json } from "./create-test-client.ts";
import { seedDemoAccount } from "./seed-demo-account.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "./start-pagerduty-simulator.ts";

const sims: PagerDutySimulator[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

const START = Date.parse("2026-12-04T09:00:00.000Z");
const HOUR = 3600_000;

/** A simulator whose clock the test moves, with a 2-person 8-hour rotation and a 1-hour override layer. */
async function rotation() {
  let clock = START + HOUR;
  const sim = await startPagerDutySimulator({ now: () => new Date(clock) });
  sims.push(sim);
  const demo = seedDemoAccount(sim);
  const { responder, responder2, manager } = demo.users;
  const schedule = sim.seed.schedule({
    name: "Checkout rotation",
    layers: [
      {
        start: new Date(START).toISOString(),
        rotationTurnLengthSeconds: 8 * 3600,
        userIds: [responder.id, responder2.id],
      },
      // An override-like layer: the manager covers 20:00–21:00 on day one.
      {
        start: new Date(START + 11 * HOUR).toISOString(),
        end: new Date(START + 12 * HOUR).toISOString(),
        rotationTurnLengthSeconds: 3600,
        userIds: [manager.id],
      },
    ],
  });
  const policy = sim.seed.escalationPolicy({
    name: "Rotating",
    levels: [
      { targets: [{ type: "schedule", id: schedule.id }] },
      { targets: [{ type: "user", id: manager.id }] },
    ],
  });
  const pd = createTestClient(sim.url, {
    apiKey: demo.apiKey,
    from: demo.users.admin.email,
  });
  const oncallNow = async (query = "") =>
    (await pd.get(
      `/oncalls?escalation_policy_ids[]=${policy.id}&escalation_levels[]=1${query}`,
    )).body.oncalls.map((o: Json) => [o.user.id, o.start, o.end]);
  return {
    demo,
    pd,
    oncallNow,
    schedule,
    advance: (ms: number) => clock += ms,
  };
}

const at = (ms: number) => new Date(ms).toISOString();

describe("schedule layers over the simulator's clock", () => {
  it("hands the level over at each turn's end, the later layer winning", async () => {
    const { demo, oncallNow, advance } = await rotation();
    const { responder, responder2, manager } = demo.users;
    expect(await oncallNow()).toEqual([
      [responder.id, at(START), at(START + 8 * HOUR)],
    ]);
    advance(8 * HOUR); // 18:00: the second turn
    expect(await oncallNow()).toEqual([
      [responder2.id, at(START + 8 * HOUR), at(START + 11 * HOUR)],
    ]);
    advance(2 * HOUR + 30 * 60_000); // 20:30: the upper layer's hour
    expect(await oncallNow()).toEqual([
      [manager.id, at(START + 11 * HOUR), at(START + 12 * HOUR)],
    ]);
    advance(HOUR); // 21:30: back to the rotation until 01:00
    expect(await oncallNow()).toEqual([
      [responder2.id, at(START + 12 * HOUR), at(START + 16 * HOUR)],
    ]);
  });

  it("lists every shift of a window with since/until, and filters by level", async () => {
    const { demo, oncallNow, pd, schedule } = await rotation();
    const { responder, responder2 } = demo.users;
    const window = await oncallNow(
      `&since=${at(START)}&until=${at(START + 9 * HOUR)}`,
    );
    expect(window).toEqual([
      [responder.id, at(START), at(START + 8 * HOUR)],
      [responder2.id, at(START + 8 * HOUR), at(START + 11 * HOUR)],
    ]);
    const level2 = await pd.get(
      `/oncalls?schedule_ids[]=${schedule.id}&escalation_levels[]=2`,
    );
    expect(level2.body.oncalls).toEqual([]);
    expect(
      (await pd.get("/oncalls?escalation_levels[]=first")).status,
    ).toBe(400);
    const rendered = await pd.get(`/schedules/${schedule.id}`);
    expect(rendered.body.schedule.users.map((u: Json) => u.id))
      .toEqual(expect.arrayContaining([responder.id, responder2.id]));
  });
});
