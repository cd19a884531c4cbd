// Figure 3: an incident storm on one service connected to one channel, with the Slack simulator enforcing
// realistic limits (chat.postMessage ≈ 1/s per channel, tier budgets). Counts every Web API call the bridge
// made against the minimum a perfect sender needs, the 429s it provoked, and how long until every card shows
// PagerDuty's final state. The bridge runs with enrichment (and the reconciler) on, against a PagerDuty simulator
// holding the storm's incidents and users; `storm_pd_calls` counts the REST calls it made during the storm.
import { startPagerDutySimulator } from "../simulators/pagerduty/start-pagerduty-simulator.ts";
import { buildEventScript, serviceIdOf } from "./build-event-script.ts";
import { firstShown, staleCards, tallySlackCalls } from "./card-calls.ts";
import { createHttpPoster } from "./http-poster.ts";
import { percentile, round } from "./percentile.ts";
import { runPaced } from "./run-paced.ts";
import { seedStormAccount, seedStormSlackUsers } from "./seed-storm-account.ts";
import { signedWebhook } from "./signed-webhook.ts";
import { BENCH_SECRET, startBenchBridge } from "./start-bench-bridge.ts";

/** The simulator's realistic chat.postMessage budget: 1 per second per channel after a burst of 3. */
const POSTS_PER_SECOND = 1;
const POST_BURST = 3;

export interface StormOptions {
  incidents: number;
  /** Seconds over which the events are sent (evenly paced). */
  seconds: number;
  /** Give up waiting for the cards after this long (bounds the run); unsettled cards count as lost. */
  settleTimeoutS: number;
  logLevel?: string;
}

export interface StormFigures {
  storm_call_ratio: number;
  storm_429: number;
  storm_settle_s: number;
  /** The earliest the last card could be posted under the per-channel limit (from the first event). */
  storm_settle_floor_s: number;
  storm_lost: number;
  /** PagerDuty REST calls the bridge made from the first webhook until the cards settled. */
  storm_pd_calls: number;
  /**
   * Per storm incident, from the 202 of its first webhook to the first Slack message in the channel that shows
   * it (its card or a storm digest line), the 99th percentile in seconds; an incident never shown counts as the
   * whole run.
   */
  storm_visible_p99_s: number;
  /** Every Web API call the bridge made to Slack during the storm. */
  storm_calls: number;
  detail: {
    events: number;
    calls: number;
    posts: number;
    edits: number;
    minimumCalls: number;
    settled: boolean;
    /** storm_pd_calls by method and path pattern (ids replaced by `{id}`). */
    pdCalls: Record<string, number>;
    /** Of those, answered 429. */
    pd429: number;
    /** Storm incidents no message in the channel ever showed (storm_visible_p99_s counts them as the whole run). */
    neverShown: number;
  };
}

export async function benchStorm(options: StormOptions): Promise<StormFigures> {
  const tag = `S${Date.now().toString(36)}`;
  const pd = await startPagerDutySimulator();
  const account = seedStormAccount(pd, {
    serviceId: serviceIdOf(tag, 0),
    incidents: options.incidents,
  });
  const script = buildEventScript({
    incidents: options.incidents,
    services: 1,
    life: "storm",
    tag,
    incidentIds: account.incidentIds,
  });
  const stack = await startBenchBridge({
    serviceIds: script.serviceIds,
    rateLimits: "realistic",
    pagerDuty: { url: pd.url, token: account.apiKey },
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  }).catch(async (error) => {
    await pd.close();
    throw error;
  });
  try {
    seedStormSlackUsers(stack.slack);
    // Start-up calls (the reconciler's first pass: pages of open incidents) are not the storm's.
    const listPages = Math.max(1, Math.ceil(options.incidents / 100));
    const listed = () =>
      pd.requests().filter((r) => r.method === "GET" && r.path === "/incidents")
        .length >= listPages;
    for (let waited = 0; !listed() && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    pd.clearRequests();
    const channel = stack.channelOf.get(script.serviceIds[0] ?? "");
    const signed = script.events.map((e) =>
      signedWebhook(e.event, BENCH_SECRET)
    );
    const poster = createHttpPoster(stack.bridge.url, { concurrency: 64 });
    const started = Date.now();
    // When each incident's first webhook was answered 202 (Date.now, the simulator's clock).
    const acceptedAt = new Map<string, number>();
    const sending = runPaced(poster, signed, {
      ratePerSecond: signed.length / options.seconds,
      onAnswer: (index, result) => {
        const id = script.events[index]?.incidentId;
        if (result.status === 202 && id && !acceptedAt.has(id)) {
          acceptedAt.set(id, Date.now());
        }
      },
    });
    const stale = () => staleCards(stack.slack, () => channel, script.final);
    // Poll while sending too: settling cannot happen before the last event, but the poll is cheap.
    const run = await sending;
    poster.close();
    if (run.statuses[202] !== signed.length) {
      throw new Error(
        `not every webhook got 202: ${JSON.stringify(run.statuses)}`,
      );
    }
    const deadline = started + options.settleTimeoutS * 1000;
    let wrong = stale();
    while (wrong.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      wrong = stale();
    }
    const settledAt = Date.now();
    const pdRequests = pd.requests();
    const tally = tallySlackCalls(stack.slack);
    const shown = firstShown(stack.slack);
    const visibleS = [...acceptedAt].map(([id, at]) =>
      Math.max(0, (shown.get(id) ?? settledAt) - at) / 1000
    );
    const needEdit = [...script.final.values()].filter((f) =>
      !f.sameAsTriggered
    ).length;
    const minimumCalls = options.incidents + needEdit;
    return {
      storm_call_ratio: round(tally.calls / minimumCalls, 3),
      storm_429: tally.rateLimited,
      storm_settle_s: round((settledAt - started) / 1000, 1),
      storm_settle_floor_s: round(
        Math.max(0, options.incidents - POST_BURST) / POSTS_PER_SECOND,
        1,
      ),
      storm_lost: wrong.length,
      storm_pd_calls: pdRequests.length,
      storm_visible_p99_s: round(percentile(visibleS, 99), 1),
      storm_calls: tally.calls,
      detail: {
        events: signed.length,
        calls: tally.calls,
        posts: tally.posts,
        edits: tally.edits,
        minimumCalls,
        settled: wrong.length === 0,
        pdCalls: countBy(
          pdRequests,
          (r) =>
            `${r.method} ${
              r.path.replace(/\/[A-Z][A-Z0-9]{5,}(?=\/|$)/g, "/{id}")
            }`,
        ),
        pd429: pdRequests.filter((r) => r.status === 429).length,
        neverShown: [...acceptedAt.keys()].filter((id) => !shown.has(id))
          .length,
      },
    };
  } finally {
    await stack.close();
    await pd.close();
  }
}

function countBy<T>(items: readonly T[], key: (item: T) => string) {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
