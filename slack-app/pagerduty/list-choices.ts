import { PagerDutyApiError } from "./pagerduty-api-error.ts";
import type { PagerDutyClient } from "./pagerduty-client.ts";

export interface Choice {
  id: string;
  name: string;
}

/** Slack's static_select holds at most 100 options: the first page of 100 is what a form can offer. */
const PAGE = 100;

export async function listServices(pd: PagerDutyClient): Promise<Choice[]> {
  const r = await pd.get<{ services: { id: string; name: string }[] }>(
    "/services",
    { limit: PAGE, sort_by: "name" },
  );
  return r.services.map(({ id, name }) => ({ id, name }));
}

export async function listEscalationPolicies(
  pd: PagerDutyClient,
): Promise<Choice[]> {
  const r = await pd.get<
    { escalation_policies: { id: string; name: string }[] }
  >(
    "/escalation_policies",
    { limit: PAGE, sort_by: "name" },
  );
  return r.escalation_policies.map(({ id, name }) => ({ id, name }));
}

/** A policy with its number of levels (escalation rules): an on-call user group follows one level. */
export interface PolicyLevels extends Choice {
  levels: number;
}

export async function listEscalationLevels(
  pd: PagerDutyClient,
): Promise<PolicyLevels[]> {
  const r = await pd.get<
    {
      escalation_policies: {
        id: string;
        name: string;
        escalation_rules?: unknown[];
      }[];
    }
  >("/escalation_policies", { limit: PAGE, sort_by: "name" });
  return r.escalation_policies.map(({ id, name, escalation_rules }) => ({
    id,
    name,
    levels: escalation_rules?.length ?? 0,
  }));
}

/** GET /schedules has no sort_by (PagerDuty's spec): sorted here, as the other choices come. */
export async function listSchedules(pd: PagerDutyClient): Promise<Choice[]> {
  const r = await pd.get<{ schedules: { id: string; name: string }[] }>(
    "/schedules",
    { limit: PAGE },
  );
  return r.schedules.map(({ id, name }) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function listTeams(pd: PagerDutyClient): Promise<Choice[]> {
  const r = await pd.get<{ teams: { id: string; name: string }[] }>("/teams", {
    limit: PAGE,
  });
  return r.teams.map(({ id, name }) => ({ id, name }));
}

/** Priorities; an account without them answers 402 (or 404 on some plans), which means "none". */
export async function listPriorities(pd: PagerDutyClient): Promise<Choice[]> {
  try {
    const r = await pd.get<{ priorities: { id: string; name: string }[] }>(
      "/priorities",
      { limit: PAGE },
    );
    return r.priorities.map(({ id, name }) => ({ id, name }));
  } catch (error) {
    if (
      error instanceof PagerDutyApiError &&
      (error.status === 402 || error.status === 404)
    ) return [];
    throw error;
  }
}

/** A Block Kit option; text is cut to Slack's 75-character limit for option text. */
export function toOption(choice: Choice) {
  return {
    text: { type: "plain_text" as const, text: truncate(choice.name, 75) },
    value: choice.id,
  };
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
