// Closed-loop load: `concurrency` workers each send the next request as soon as the previous answer arrives.
// Sustained throughput is completed requests over the wall time of the whole batch.
import type { HttpPoster } from "./http-poster.ts";
import type { SignedWebhook } from "./signed-webhook.ts";
import { WEBHOOK_PATH } from "./signed-webhook.ts";

export interface LoadResult {
  sent: number;
  /** Answers by HTTP status. */
  statuses: Record<number, number>;
  durationMs: number;
  /** Answers with `expectStatus` per second. */
  acceptedPerSecond: number;
  latenciesMs: number[];
}

/** What one load run amounts to: answers by status, and the rate of those with `expectStatus`. */
export function summarizeLoad(
  { statuses, latenciesMs, startedAt, expectStatus }: {
    statuses: readonly number[];
    latenciesMs: number[];
    /** `performance.now()` when the first request was sent. */
    startedAt: number;
    expectStatus: number;
  },
): LoadResult {
  const durationMs = performance.now() - startedAt;
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return {
    sent: statuses.length,
    statuses: counts,
    durationMs,
    acceptedPerSecond: ((counts[expectStatus] ?? 0) * 1000) / durationMs,
    latenciesMs,
  };
}

export async function runClosedLoop(
  poster: HttpPoster,
  requests: readonly SignedWebhook[],
  { concurrency, expectStatus = 202 }: {
    concurrency: number;
    expectStatus?: number;
  },
): Promise<LoadResult> {
  const statuses: number[] = [];
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const request = requests[next++];
      if (!request) return;
      const result = await poster.post(
        WEBHOOK_PATH,
        request.body,
        request.headers,
      );
      statuses.push(result.status);
      latenciesMs.push(result.ms);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return summarizeLoad({
    statuses,
    latenciesMs,
    startedAt: started,
    expectStatus,
  });
}
