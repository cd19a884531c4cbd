// Injected REST failures for tests: the next N matching requests answer 5xx, or 429 with or without the
// rate-limit headers, before any other processing (as a load balancer or the rate limiter would).

export interface RestFaultMatch {
  method?: string;
  /** Exact path or a pattern tested against the path (no query). */
  path?: string | RegExp;
}

export type RestFault =
  | {
    kind: "status";
    status: number;
    /** Raw body; defaults to PagerDuty's JSON error body. */
    body?: string;
    remaining: number;
    match: RestFaultMatch;
  }
  | {
    kind: "rateLimit";
    withHeaders: boolean;
    resetSeconds: number;
    remaining: number;
    match: RestFaultMatch;
  };

export function createRestFaults() {
  const faults: RestFault[] = [];
  return {
    /** The next `count` matching requests fail with `status` (500, 502, 503, 504…). */
    failNext(
      count: number,
      options: { status?: number; body?: string; match?: RestFaultMatch } = {},
    ): void {
      faults.push({
        kind: "status",
        status: options.status ?? 500,
        body: options.body,
        remaining: count,
        match: options.match ?? {},
      });
    },
    /** The next `count` matching requests answer 429; PagerDuty sometimes omits the rate-limit headers. */
    rateLimitNext(
      count: number,
      options: {
        withHeaders?: boolean;
        resetSeconds?: number;
        match?: RestFaultMatch;
      } = {},
    ): void {
      faults.push({
        kind: "rateLimit",
        withHeaders: options.withHeaders ?? true,
        resetSeconds: options.resetSeconds ?? 1,
        remaining: count,
        match: options.match ?? {},
      });
    },
    clear(): void {
      faults.length = 0;
    },
    /** Takes one use of the first fault matching the request, if any. */
    take(method: string, path: string): RestFault | undefined {
      const fault = faults.find((f) => matches(f.match, method, path));
      if (!fault) return undefined;
      fault.remaining--;
      if (fault.remaining <= 0) faults.splice(faults.indexOf(fault), 1);
      return fault;
    },
  };
}

export type RestFaults = ReturnType<typeof createRestFaults>;

function matches(match: RestFaultMatch, method: string, path: string): boolean {
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) {
    return false;
  }
  if (match.path === undefined) return true;
  return typeof match.path === "string"
    ? match.path === path
    : match.path.test(path);
}
