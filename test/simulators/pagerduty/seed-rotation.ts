// A service whose first escalation level follows a rotating schedule: two people taking 8-hour turns from
// `start`, then the manager at level 2. On call changes as the simulator's clock moves (schedule-shifts.ts):
// what on-call user groups and shift handoffs are tested and shown with.
import type { DemoAccount } from "./seed-demo-account.ts";
import type { PagerDutySimulator } from "./start-pagerduty-simulator.ts";

export const TURN_MS = 8 * 3600_000;

export interface Rotation {
  scheduleId: string;
  escalationPolicyId: string;
  serviceId: string;
  /** On call in turn: first, second, first, … */
  first: DemoAccount["users"]["responder"];
  second: DemoAccount["users"]["responder"];
  /** When turn k starts. */
  turnStart(k: number): Date;
}

export function seedRotation(
  sim: Pick<PagerDutySimulator, "seed">,
  demo: DemoAccount,
  start: Date,
  name = "Checkout rotation",
): Rotation {
  const { responder: first, responder2: second, manager } = demo.users;
  const schedule = sim.seed.schedule({
    name: `${name} schedule`,
    layers: [{
      start: start.toISOString(),
      rotationTurnLengthSeconds: TURN_MS / 1000,
      userIds: [first.id, second.id],
    }],
  });
  const policy = sim.seed.escalationPolicy({
    name: `${name} policy`,
    levels: [
      { targets: [{ type: "schedule", id: schedule.id }] },
      { targets: [{ type: "user", id: manager.id }] },
    ],
  });
  const service = sim.seed.service({
    name,
    escalationPolicyId: policy.id,
  });
  return {
    scheduleId: schedule.id,
    escalationPolicyId: policy.id,
    serviceId: service.id,
    first,
    second,
    turnStart: (k) => new Date(start.getTime() + k * TURN_MS),
  };
}
