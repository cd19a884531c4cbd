// A believable account shared by tests, the demo and benchmarks: two teams, three services, escalation policies
// with two levels (schedules, then a manager), one user per role, priorities P1–P5 and an incident workflow.

import type { PagerDutySimulator } from "./start-pagerduty-simulator.ts";
import type { SimUser, UserRole } from "./simulator-state.ts";

export interface DemoAccount {
  /** Full-access REST API key (send `From:` on incident writes). */
  apiKey: string;
  readOnlyApiKey: string;
  users: Record<DemoPersona, SimUser>;
  /** A user token (OAuth-style Bearer) per persona, acting with that user's role. */
  tokens: Record<DemoPersona, string>;
  teams: { platform: string; payments: string };
  services: { checkout: string; api: string; dataPipeline: string };
  escalationPolicies: { checkout: string; platform: string };
  schedules: { payments: string; platform: string };
  priorities: Record<"P1" | "P2" | "P3" | "P4" | "P5", string>;
  workflows: { majorIncident: string };
  /** The Events API v2 integration key (`routing_key`) of each service. */
  routingKeys: { checkout: string; api: string; dataPipeline: string };
}

export type DemoPersona =
  | "owner"
  | "admin"
  | "manager"
  | "responder"
  | "responder2"
  | "observer"
  | "stakeholder"
  | "limitedStakeholder";

const PERSONAS: Record<
  DemoPersona,
  { name: string; email: string; role: UserRole }
> = {
  owner: { name: "Olivia Owner", email: "olivia@example.com", role: "owner" },
  admin: { name: "Adam Admin", email: "adam@example.com", role: "admin" },
  manager: { name: "Maya Manager", email: "maya@example.com", role: "user" },
  responder: {
    name: "Rui Responder",
    email: "rui@example.com",
    role: "limited_user",
  },
  responder2: {
    name: "Rosa Responder",
    email: "rosa@example.com",
    role: "limited_user",
  },
  observer: {
    name: "Oscar Observer",
    email: "oscar@example.com",
    role: "observer",
  },
  stakeholder: {
    name: "Sam Stakeholder",
    email: "sam@example.com",
    role: "read_only_user",
  },
  limitedStakeholder: {
    name: "Lee Stakeholder",
    email: "lee@example.com",
    role: "read_only_limited_user",
  },
};

export function seedDemoAccount(
  sim: Pick<PagerDutySimulator, "seed">,
): DemoAccount {
  const { seed } = sim;
  const platform = seed.team({
    name: "Platform",
    description: "Core infrastructure",
  });
  const payments = seed.team({
    name: "Payments",
    description: "Checkout and billing",
  });
  const users = Object.fromEntries(
    Object.entries(PERSONAS).map(([persona, p]) => [
      persona,
      seed.user({
        ...p,
        teamIds: persona === "responder2"
          ? [payments.id]
          : [platform.id, payments.id],
      }),
    ]),
  ) as Record<DemoPersona, SimUser>;
  const tokens = Object.fromEntries(
    Object.entries(users).map(([persona, user]) => [
      persona,
      seed.userToken({ userId: user.id, token: `demo-token-${persona}` }).token,
    ]),
  ) as Record<DemoPersona, string>;

  const paymentsSchedule = seed.schedule({
    name: "Payments primary",
    userIds: [users.responder.id],
  });
  const platformSchedule = seed.schedule({
    name: "Platform primary",
    userIds: [users.responder2.id],
  });
  const checkoutPolicy = seed.escalationPolicy({
    name: "Checkout escalation",
    teamIds: [payments.id],
    levels: [
      {
        delayMinutes: 15,
        targets: [{ type: "schedule", id: paymentsSchedule.id }],
      },
      { delayMinutes: 30, targets: [{ type: "user", id: users.manager.id }] },
    ],
  });
  const platformPolicy = seed.escalationPolicy({
    name: "Platform escalation",
    teamIds: [platform.id],
    levels: [
      {
        delayMinutes: 10,
        targets: [{ type: "schedule", id: platformSchedule.id }],
      },
      { delayMinutes: 30, targets: [{ type: "user", id: users.admin.id }] },
    ],
  });
  const checkout = seed.service({
    name: "Checkout",
    description: "Web checkout",
    escalationPolicyId: checkoutPolicy.id,
    teamIds: [payments.id],
  });
  const api = seed.service({
    name: "Public API",
    escalationPolicyId: platformPolicy.id,
    teamIds: [platform.id],
  });
  const dataPipeline = seed.service({
    name: "Data pipeline",
    escalationPolicyId: platformPolicy.id,
  });
  // Fixed keys, so the demo and tests can name them; 32 characters like PagerDuty's.
  const routingKey = (serviceId: string, letter: string) =>
    seed.eventsIntegration({ serviceId, key: `demo${letter.repeat(28)}` }).key;
  const priorities = seed.priorities(["P1", "P2", "P3", "P4", "P5"])!;
  const workflow = seed.workflow({
    name: "Major incident",
    description: "Opens a bridge and notifies stakeholders",
  });
  return {
    apiKey:
      seed.apiKey({ key: "demo-api-key", description: "pagerslack demo" }).key,
    readOnlyApiKey:
      seed.apiKey({ key: "demo-read-only-key", readOnly: true }).key,
    users,
    tokens,
    teams: { platform: platform.id, payments: payments.id },
    services: {
      checkout: checkout.id,
      api: api.id,
      dataPipeline: dataPipeline.id,
    },
    escalationPolicies: {
      checkout: checkoutPolicy.id,
      platform: platformPolicy.id,
    },
    schedules: { payments: paymentsSchedule.id, platform: platformSchedule.id },
    priorities: Object.fromEntries(
      priorities.map((p) => [p.name, p.id]),
    ) as DemoAccount["priorities"],
    workflows: { majorIncident: workflow.id },
    routingKeys: {
      checkout: routingKey(checkout.id, "c"),
      api: routingKey(api.id, "a"),
      dataPipeline: routingKey(dataPipeline.id, "d"),
    },
  };
}
