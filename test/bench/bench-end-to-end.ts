// Figure 2: from a webhook's 202 to the first card post or edit at the Slack simulator that shows the event
// (card metadata `updated_at` ≥ the event's `occurred_at`; coalesced edits count for every event they carry),
// with the simulator's rate limits and the bridge's own method budgets off (SLACK_METHOD_BUDGETS=off), at a
// fixed rate. One connected channel per service: the per-channel post pacing is what the storm benchmark
// measures.
import { buildEventScript } from "./build-event-script.ts";
import { cardCalls } from "./card-calls.ts";
import { createHttpPoster } from "./http-poster.ts";
import { percentile, round } from "./percentile.ts";
import { runPaced } from "./run-paced.ts";
import { signedWebhook } from "./signed-webhook.ts";
import { BENCH_SECRET, startBenchBridge } from "./start-bench-bridge.ts";

export interface EndToEndOptions {
  incidents: number;
  services: number;
  ratePerSecond: number;
  /** How long to wait after the last 202 for the cards to catch up (bounds the run). */
  windowMs: number;
  logLevel?: string;
}

export interface EndToEndFigures {
  e2e_p50_ms: number;
  /** A lower bound when `e2e_unseen` > 0 (unseen events count as seen at the end of the window). */
  e2e_p99_ms: number;
  /** Triggers only: 202 to the card's post. */
  e2e_post_p99_ms: number;
  /** Events no card showed within the window. */
  e2e_unseen: number;
  detail: {
    events: number;
    sendSeconds: number;
    cardPosts: number;
    cardEdits: number;
  };
}

export async function benchEndToEnd(
  options: EndToEndOptions,
): Promise<EndToEndFigures> {
  const script = buildEventScript({
    incidents: options.incidents,
    services: options.services,
    life: "ack-resolve",
    tag: `E${Date.now().toString(36)}`,
  });
  const stack = await startBenchBridge({
    serviceIds: script.serviceIds,
    rateLimits: "off",
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });
  try {
    const signed = script.events.map((e) =>
      signedWebhook(e.event, BENCH_SECRET)
    );
    const ackedAt: number[] = [];
    const poster = createHttpPoster(stack.bridge.url, { concurrency: 64 });
    const run = await runPaced(poster, signed, {
      ratePerSecond: options.ratePerSecond,
      onAnswer: (index) => {
        ackedAt[index] = Date.now();
      },
    });
    poster.close();
    if (run.statuses[202] !== signed.length) {
      throw new Error(
        `not every webhook got 202: ${JSON.stringify(run.statuses)}`,
      );
    }

    // An event is seen by the first card call of its incident showing it (or anything later).
    const seenAt = (calls: ReturnType<typeof cardCalls>) => {
      const byIncident = new Map<string, typeof calls>();
      for (const call of calls) {
        const list = byIncident.get(call.incidentId) ?? [];
        list.push(call);
        byIncident.set(call.incidentId, list);
      }
      return script.events.map(({ event, incidentId }) =>
        byIncident.get(incidentId)?.find((c) =>
          c.updatedAt >= event.occurred_at
        )?.time
      );
    };
    const deadline = Date.now() + options.windowMs;
    let seen = seenAt(cardCalls(stack.slack));
    while (seen.some((t) => t === undefined) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = seenAt(cardCalls(stack.slack));
    }
    const windowEnd = Date.now();
    const latencies = seen.map((t, i) =>
      Math.max(0, (t ?? windowEnd) - (ackedAt[i] ?? windowEnd))
    );
    const postLatencies = latencies.filter((_, i) =>
      script.events[i]?.event.event_type === "incident.triggered"
    );
    const calls = cardCalls(stack.slack);
    return {
      e2e_p50_ms: round(percentile(latencies, 50)),
      e2e_p99_ms: round(percentile(latencies, 99)),
      e2e_post_p99_ms: round(percentile(postLatencies, 99)),
      e2e_unseen: seen.filter((t) => t === undefined).length,
      detail: {
        events: signed.length,
        sendSeconds: round(run.durationMs / 1000),
        cardPosts: calls.filter((c) => c.method === "chat.postMessage").length,
        cardEdits: calls.filter((c) => c.method === "chat.update").length,
      },
    };
  } finally {
    await stack.close();
  }
}
