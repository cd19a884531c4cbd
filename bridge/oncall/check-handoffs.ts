// Shift handoffs: for each connection that opted in, who is on call at level 1 of its service's escalation policy
// now, compared with who was when last looked. A change is recorded and its message enqueued in one transaction,
// the record a compare-and-set on the previous on-call list, so each change is posted once however many replicas
// look and whenever one crashes (the outbox delivers it once: outbox/deliver-handoff.ts). The first look only
// records: a bridge that starts (or a connection that opts in) has seen no change yet.
import type { Logger } from "pino";
import { renderHandoff } from "../../shared/cards/render-handoff.ts";
import type { IncidentState } from "../../shared/incident/reduce-incident.ts";
import {
  listOnCallEntries,
  type OnCallPagerDuty,
  type OnCallUser,
} from "../../shared/oncall/list-on-call.ts";
import type { BridgeDb } from "../db/database.ts";
import { enqueueHandoff } from "../jobs/enqueue-handoff.ts";
import type { SlackMentions } from "../slash/slack-mentions.ts";

export interface HandoffDeps {
  db: BridgeDb;
  pagerDuty: OnCallPagerDuty;
  /** The Slack lookups of a connection's workspace. */
  mentionsFor: (teamId: string | null) => Promise<SlackMentions | null>;
  logger: Logger;
  now: () => Date;
}

interface ServiceResource {
  id: string;
  name?: string;
  summary?: string;
  escalation_policy: { id: string };
}

async function openIncidentsOf(db: BridgeDb, serviceId: string) {
  const rows = await db.selectFrom("incident_states").select("state")
    .where("status", "in", ["triggered", "acknowledged"]).execute();
  return rows.flatMap((r) => {
    const snapshot = (JSON.parse(r.state) as IncidentState | null)?.snapshot;
    return snapshot && snapshot.service.id === serviceId ? [snapshot] : [];
  })
    .sort((a, b) => a.number - b.number);
}

/** Looks at every handoff connection once; answers the earliest end of a shift seen (the next change). */
export async function checkHandoffs(
  deps: HandoffDeps,
): Promise<{ posted: number; nextChangeAt: string | null }> {
  const { db, logger } = deps;
  const connections = await db.selectFrom("connections").selectAll()
    .where("handoffs", "=", 1).where("source_type", "=", "service")
    .orderBy("id").execute();
  let posted = 0;
  const ends: string[] = [];
  for (const connection of connections) {
    const log = {
      connection_id: connection.id,
      service_id: connection.source_id,
    };
    const { service } = await deps.pagerDuty.get<{ service: ServiceResource }>(
      `/services/${encodeURIComponent(connection.source_id)}`,
    );
    const policyId = service.escalation_policy.id;
    const entries = await listOnCallEntries(deps.pagerDuty, {
      escalationPolicyIds: [policyId],
      escalationLevels: [1],
    });
    const users = new Map<string, OnCallUser>(
      entries.map((e) => [e.user.id, e.user]),
    );
    ends.push(...[...users.values()].flatMap((u) => u.end ? [u.end] : []));
    const ids = [...users.keys()].sort();
    const state = await db.selectFrom("handoff_states").selectAll()
      .where("connection_id", "=", connection.id).executeTakeFirst();
    const nowIso = deps.now().toISOString();
    if (!state || state.escalation_policy_id !== policyId) {
      await db.insertInto("handoff_states").values({
        connection_id: connection.id,
        escalation_policy_id: policyId,
        user_ids: JSON.stringify(ids),
        updated_at: nowIso,
      }).onConflict((oc) =>
        oc.column("connection_id").doUpdateSet({
          escalation_policy_id: policyId,
          user_ids: JSON.stringify(ids),
          updated_at: nowIso,
        })
      ).execute();
      continue;
    }
    const before = JSON.parse(state.user_ids) as string[];
    if (before.join(",") === ids.join(",")) continue;

    // Who went off call: names only (no ping), from PagerDuty's directory.
    const outgoing = await Promise.all(
      before.filter((id) => !users.has(id)).map(async (id) => {
        const found = await deps.pagerDuty.get<
          { user: { name?: string; summary?: string } }
        >(
          `/users/${encodeURIComponent(id)}`,
        ).catch(() => null);
        return {
          name: found?.user.name ?? found?.user.summary ?? id,
          slackId: null,
        };
      }),
    );
    const mentions = await deps.mentionsFor(connection.team_id);
    const incoming = await Promise.all([...users.values()].map(async (u) => ({
      name: u.name,
      slackId: u.email && mentions ? await mentions.slackIdOf(u.email) : null,
    })));
    const untilTimes = [...users.values()].flatMap((u) => u.end ? [u.end] : [])
      .sort();
    const open = await openIncidentsOf(db, connection.source_id);
    const message = renderHandoff({
      serviceName: service.name ?? service.summary ?? connection.source_id,
      incoming,
      outgoing,
      until: untilTimes[0] ?? null,
      openIncidents: open.map((s) => ({
        number: s.number,
        title: s.title,
        status: s.status,
        html_url: s.html_url,
      })),
    });
    const handoffKey = `handoff:${connection.id}:${nowIso}:${ids.join(",")}`;
    const recorded = await db.transaction().execute(async (trx) => {
      const changed = await trx.updateTable("handoff_states")
        .set({ user_ids: JSON.stringify(ids), updated_at: nowIso })
        .where("connection_id", "=", connection.id)
        .where("user_ids", "=", state.user_ids)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 0) return false; // another replica recorded it
      await enqueueHandoff(trx, {
        channelId: connection.channel_id,
        teamId: connection.team_id,
        payload: { handoff_key: handoffKey, ...message },
        now: deps.now(),
      });
      return true;
    });
    if (recorded) {
      posted += 1;
      logger.info(
        { ...log, on_call: ids, was: before },
        "shift change: handoff enqueued",
      );
    }
  }
  return { posted, nextChangeAt: ends.sort()[0] ?? null };
}
