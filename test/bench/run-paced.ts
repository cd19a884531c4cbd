// Open-loop load at a fixed rate: request k is due at start + k/rate whatever happened to earlier ones, so a
// slow server cannot slow the sender down and hide its own latency (no coordinated omission). Latency is
// counted from the due time, so the sender's own lateness is charged to the figure, never hidden.
import type { HttpPoster, PostResult } from "./http-poster.ts";
import { type LoadResult, summarizeLoad } from "./run-closed-loop.ts";
import { type SignedWebhook, WEBHOOK_PATH } from "./signed-webhook.ts";

export interface PacedOptions {
  ratePerSecond: number;
  expectStatus?: number;
  /** Called with each answer (e.g. to note when a webhook was acknowledged). */
  onAnswer?: (index: number, result: PostResult) => void;
}

export interface PacedResult extends LoadResult {
  /** How late the sender dispatched its worst request (ms): large values mean the client, not the server, lagged. */
  maxSendLagMs: number;
}

export async function runPaced(
  poster: HttpPoster,
  requests: readonly SignedWebhook[],
  { ratePerSecond, expectStatus = 202, onAnswer }: PacedOptions,
): Promise<PacedResult> {
  const statuses: number[] = [];
  const latenciesMs: number[] = [];
  const inFlight: Promise<void>[] = [];
  const intervalMs = 1000 / ratePerSecond;
  const started = performance.now();
  let maxSendLagMs = 0;
  for (let k = 0; k < requests.length; k++) {
    const due = started + k * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due);
    const request = requests[k];
    if (!request) break;
    inFlight.push(
      poster.post(WEBHOOK_PATH, request.body, request.headers).then(
        (result) => {
          statuses.push(result.status);
          latenciesMs.push(result.endedAt - due);
          onAnswer?.(k, result);
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return {
    ...summarizeLoad({
      statuses,
      latenciesMs,
      startedAt: started,
      expectStatus,
    }),
    maxSendLagMs,
  };
}
