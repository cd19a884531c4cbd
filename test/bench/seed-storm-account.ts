// The PagerDuty account behind the storm, so the bridge runs with enrichment on as in production: the storm's
// service, its incidents (triggered in the simulator, whose ids the event script then uses) and the users the
// events name (the shared fixtures' ids), each also a Slack user with the same email for mentions.
import { FIXTURE_USERS } from "../../shared/incident/fixtures.ts";
import type { PagerDutySimulator } from "../simulators/pagerduty/start-pagerduty-simulator.ts";
import type { SlackSimulator } from "../simulators/slack/start-slack-simulator.ts";

/** The users the storm's events name, with the emails PagerDuty and Slack both know them by. */
const STORM_USERS = Object.values(FIXTURE_USERS).map((ref) => {
  const name = ref.summary ?? ref.id;
  return {
    id: ref.id,
    name,
    email: `${name.toLowerCase().replace(/\s+/g, ".")}@example.com`,
  };
});

export interface StormAccount {
  apiKey: string;
  /** Ids of the incidents triggered in PagerDuty, in order. */
  incidentIds: string[];
}

export function seedStormAccount(
  pd: PagerDutySimulator,
  { serviceId, incidents }: { serviceId: string; incidents: number },
): StormAccount {
  const users = STORM_USERS.map((user) => pd.seed.user(user));
  const policy = pd.seed.escalationPolicy({
    name: "Bench escalation",
    levels: [{ targets: users.map((u) => ({ type: "user", id: u.id })) }],
  });
  pd.seed.service({
    id: serviceId,
    name: "Bench service",
    escalationPolicyId: policy.id,
  });
  const incidentIds = Array.from(
    { length: incidents },
    (_, i) =>
      pd.triggerIncident({ serviceId, title: `Bench incident ${i}` }).id,
  );
  return {
    apiKey: pd.seed.apiKey({ description: "pagerslack bench" }).key,
    incidentIds,
  };
}

/** The fixture users as Slack users, so the bridge's users.lookupByEmail finds them. */
export function seedStormSlackUsers(slack: SlackSimulator): void {
  for (const { name, email } of STORM_USERS) slack.createUser({ name, email });
}
