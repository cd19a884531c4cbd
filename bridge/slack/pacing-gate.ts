// Slack's rate budgets, kept in the database so every replica spends one budget. Each budget is a GCRA cell
// (generic cell rate algorithm): one number per key, the budget's theoretical arrival time (TAT). A call is
// allowed when TAT <= now + burst tolerance, and then pushes TAT one interval further. Taking a slot is one
// conditional upsert, atomic on both dialects, so concurrent replicas cannot both take the last slot: on
// PostgreSQL the second UPDATE waits for the first's row lock and re-checks its WHERE against the new TAT.
import { type Kysely, sql } from "kysely";
import type { BridgeDatabase } from "../db/database.ts";
import {
  CHANNEL_POST_BUDGET,
  SLACK_METHOD_BUDGETS,
  type SlackMethodBudget,
  UNKNOWN_METHOD_BUDGET,
} from "./slack-method-budgets.ts";

export interface PacingKey {
  /** The Slack team id (budgets are per workspace). */
  workspace: string;
  method: string;
  /** chat.postMessage only: the channel also has its own budget. */
  channel?: string;
}

export type PacingDecision = { ok: true } | { ok: false; waitMs: number };

export interface PacingGate {
  /** Takes one call's slot in every budget it counts against, all or none; else how long to wait. Never sleeps. */
  take(key: PacingKey, nowMs: number): Promise<PacingDecision>;
  /** How long until `take` would succeed, without taking anything. */
  waitFor(key: PacingKey, nowMs: number): Promise<number>;
  /** Slack answered 429 with Retry-After: nothing counted against these budgets before `untilMs`. */
  hold(key: PacingKey, untilMs: number): Promise<void>;
}

export interface PacingGateOptions {
  /** Per-minute overrides by method (SLACK_METHOD_BUDGETS setting, tests' tight limits). */
  perMinute?: Readonly<Record<string, number>>;
  /**
   * SLACK_METHOD_BUDGETS=off (a server that is not Slack): no per-method budget, but Slack's Retry-After
   * holds and chat.postMessage's per-channel pacing still apply.
   */
  methodBudgetsOff?: boolean;
  /** Interval of chat.postMessage's per-channel budget (default CHANNEL_POST_BUDGET's; tests shorten it). */
  channelPostIntervalMs?: number;
}

/** The gate's options from configuration's SLACK_METHOD_BUDGETS (per-minute overrides, or "off"). */
export function pacingGateOptions(
  budgets: Readonly<Record<string, number>> | "off",
): PacingGateOptions {
  return budgets === "off"
    ? { methodBudgetsOff: true }
    : { perMinute: budgets };
}

/** One budget's cell: the interval between calls and how far ahead of now TAT may run (the burst). */
interface Cell {
  key: string;
  intervalMs: number;
  toleranceMs: number;
}

function cellOf(key: string, budget: SlackMethodBudget): Cell {
  const intervalMs = 60_000 / budget.perMinute;
  return {
    key,
    intervalMs,
    toleranceMs: (Math.max(1, budget.burst) - 1) * intervalMs,
  };
}

function methodBudget(
  method: string,
  perMinute: Readonly<Record<string, number>>,
): SlackMethodBudget {
  const known = (SLACK_METHOD_BUDGETS as Record<string, SlackMethodBudget>)[
    method
  ] ?? UNKNOWN_METHOD_BUDGET;
  const override = perMinute[method];
  if (override === undefined) return known;
  // A lowered budget keeps a burst in proportion, so "1 per minute" means one call, not the tier's burst.
  return {
    perMinute: override,
    burst: Math.max(1, Math.min(known.burst, Math.floor(override / 5))),
    source: "configured",
  };
}

/** The cells a call counts against, sorted by key: every transaction locks them in the same order. */
function pacingCells(
  key: PacingKey,
  options: PacingGateOptions = {},
): Cell[] {
  const method = `${key.workspace}/${key.method}`;
  const cells = [
    options.methodBudgetsOff
      // An interval of 0: every call allowed, and a hold still moves TAT past now.
      ? { key: method, intervalMs: 0, toleranceMs: 0 }
      : cellOf(method, methodBudget(key.method, options.perMinute ?? {})),
  ];
  if (key.method === "chat.postMessage" && key.channel) {
    const perMinute = options.channelPostIntervalMs
      ? 60_000 / options.channelPostIntervalMs
      : CHANNEL_POST_BUDGET.perMinute;
    cells.push(
      cellOf(`${key.workspace}/${key.method}/${key.channel}`, {
        ...CHANNEL_POST_BUDGET,
        perMinute,
      }),
    );
  }
  return cells.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Rolls the transaction back when one of a call's cells refuses, so none is taken. */
class Refused extends Error {}

const num = (value: number) => sql<number>`cast(${value} as double precision)`;

async function takeCell(
  db: Kysely<BridgeDatabase>,
  cell: Cell,
  nowMs: number,
): Promise<boolean> {
  const row = await db.insertInto("slack_pacing")
    .values({ key: cell.key, tat_ms: nowMs + cell.intervalMs })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        tat_ms: sql<number>`(case when slack_pacing.tat_ms > ${
          num(nowMs)
        } then slack_pacing.tat_ms else ${num(nowMs)} end) + ${
          num(cell.intervalMs)
        }`,
      }).where(
        sql<boolean>`slack_pacing.tat_ms <= ${num(nowMs + cell.toleranceMs)}`,
      )
    )
    .returning("tat_ms")
    .executeTakeFirst();
  return row !== undefined;
}

export function createPacingGate(
  db: Kysely<BridgeDatabase>,
  options: PacingGateOptions = {},
): PacingGate {
  const waitFor = async (key: PacingKey, nowMs: number) => {
    const cells = pacingCells(key, options);
    const rows = await db.selectFrom("slack_pacing")
      .select(["key", "tat_ms"])
      .where("key", "in", cells.map((c) => c.key))
      .execute();
    let wait = 0;
    for (const cell of cells) {
      const tat = rows.find((r) => r.key === cell.key)?.tat_ms;
      if (tat !== undefined) {
        wait = Math.max(wait, Number(tat) - cell.toleranceMs - nowMs);
      }
    }
    return Math.ceil(wait);
  };

  return {
    async take(key, nowMs) {
      const cells = pacingCells(key, options);
      let taken: boolean;
      if (cells.length === 1) {
        // One statement is atomic by itself: no transaction to pay for.
        taken = await takeCell(db, cells[0] as Cell, nowMs);
      } else {
        taken = await db.transaction().execute(async (trx) => {
          for (const cell of cells) {
            if (!(await takeCell(trx, cell, nowMs))) throw new Refused();
          }
          return true;
        }).catch((error: unknown) => {
          if (error instanceof Refused) return false;
          throw error;
        });
      }
      if (taken) return { ok: true };
      // Another replica may have moved TAT since: at least 1 ms, so a caller never spins on "wait 0".
      return { ok: false, waitMs: Math.max(1, await waitFor(key, nowMs)) };
    },
    waitFor,
    async hold(key, untilMs) {
      for (const cell of pacingCells(key, options)) {
        // TAT = until + tolerance is exactly "the next call is allowed at `untilMs`".
        const tat = untilMs + cell.toleranceMs;
        await db.insertInto("slack_pacing")
          .values({ key: cell.key, tat_ms: tat })
          .onConflict((oc) =>
            oc.column("key").doUpdateSet({
              tat_ms: sql<number>`case when slack_pacing.tat_ms > ${
                num(tat)
              } then slack_pacing.tat_ms else ${num(tat)} end`,
            })
          )
          .execute();
      }
    },
  };
}
