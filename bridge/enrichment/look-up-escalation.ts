// The escalation level of an open incident and who is next, for the card. PagerDuty's V3 webhooks carry neither,
// and the REST incident has no current level (the spec's Incident schema has `escalation_policy` only; a level is
// an input of PUT /incidents). So the level is read off who is on call: the lowest level of the policy whose
// on-call users include an assignee (GET /oncalls, `escalation_level` per entry), and "next" is who is on call at
// the level after it. GET /escalation_policies/{id} gives the number of levels (`escalation_rules`). An incident
// assigned to nobody on call at any level (reassigned by hand) gets no level: the card then says nothing.
//
// Both answers are cached per policy for `ttlMs` and shared by concurrent renders: at most two calls per policy
// per minute by default, whatever the number of cards and edits.
import type {
  EscalationStanding,
  IncidentSnapshot,
} from "../../shared/incident/incident-snapshot.ts";
import {
  listOnCall,
  type OnCallLevel,
  type OnCallPagerDuty,
} from "../../shared/oncall/list-on-call.ts";
import type { Reference } from "../../shared/pagerduty/webhook-event.ts";
import { toQueryString } from "../../shared/pagerduty/to-query-string.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import { createBoundedCache } from "./bounded-cache.ts";

export interface EscalationLookupOptions {
  pagerDuty: PagerDutyClient;
  timeoutMs: number;
  /** How long a policy's levels and on-call users are reused. */
  ttlMs?: number;
  maxPolicies?: number;
  now: () => number;
  /** Logs a failed lookup and says until when to remember the failure (the enricher's rate-limit rule). */
  failed: (error: unknown, policyId: string) => number;
}

interface PolicyStanding {
  levels: number;
  onCall: OnCallLevel[];
}

interface Cached {
  value: Promise<PolicyStanding | null>;
  expiresAt: number;
}

export interface LookUpEscalation {
  (snapshot: IncidentSnapshot): Promise<EscalationStanding | null>;
  /**
   * Who is on call now at any level of the policy, from the same cached answer (cards ping only them); null when
   * unknown (no policy, nobody listed, PagerDuty failed).
   */
  onCallIds(policyId: string): Promise<Set<string> | null>;
}

export function createEscalationLookup(
  {
    pagerDuty,
    timeoutMs,
    ttlMs = 60_000,
    maxPolicies = 500,
    now,
    failed,
  }: EscalationLookupOptions,
): LookUpEscalation {
  const policies = createBoundedCache<string, Cached>({
    maxEntries: maxPolicies,
  });
  // Never waits for the rate limit: a card is not held back for this.
  const client: OnCallPagerDuty = {
    get: <T>(path: string, query?: Parameters<typeof toQueryString>[0]) =>
      pagerDuty.get<T>(`${path}${toQueryString(query)}`, {
        maxWaitMs: 0,
        timeoutMs,
      }),
  };

  function standingOf(policyId: string): Promise<PolicyStanding | null> {
    const cached = policies.get(policyId);
    if (cached && cached.expiresAt > now()) return cached.value;
    const entry: Cached = {
      expiresAt: now() + ttlMs,
      value: Promise.all([
        client.get<{ escalation_policy: { escalation_rules?: unknown[] } }>(
          `/escalation_policies/${encodeURIComponent(policyId)}`,
        ),
        listOnCall(client, policyId),
      ]).then(
        ([{ escalation_policy }, onCall]) => ({
          levels: escalation_policy.escalation_rules?.length ?? 0,
          onCall,
        }),
        (error) => {
          entry.expiresAt = failed(error, policyId);
          return null;
        },
      ),
    };
    policies.set(policyId, entry);
    return entry.value;
  }

  const onCallIds = async (policyId: string) => {
    const standing = policyId === "" ? null : await standingOf(policyId);
    const ids = new Set(
      (standing?.onCall ?? []).flatMap((l) => l.users.map((u) => u.id)),
    );
    return ids.size > 0 ? ids : null;
  };

  const lookUp = async (
    snapshot: IncidentSnapshot,
  ): Promise<EscalationStanding | null> => {
    const policyId = snapshot.escalation_policy.id;
    if (snapshot.status === "resolved" || policyId === "") return null;
    const standing = await standingOf(policyId);
    if (!standing) return null;
    const assigned = new Set(snapshot.assignees.map((a) => a.id));
    const current = standing.onCall.find((l) =>
      l.users.some((u) => assigned.has(u.id))
    );
    if (!current) return null;
    const next = standing.onCall.find((l) =>
      l.level > current.level && l.users.length > 0
    );
    return {
      level: current.level,
      levels: Math.max(standing.levels, current.level),
      next: (next?.users ?? []).map((u): Reference => ({
        id: u.id,
        type: "user_reference",
        summary: u.name,
      })),
    };
  };
  return Object.assign(lookUp, { onCallIds });
}
