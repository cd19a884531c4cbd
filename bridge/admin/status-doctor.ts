// The doctor's checks for the status page. Page loads must stay fast and must not multiply calls to Slack and
// PagerDuty: each check is bounded in time, and one round of findings is shared by every page load for
// `cacheMs` (a round still running is awaited, not started again).
import { redactCredentials } from "../../shared/pagerduty/redact-credentials.ts";
import type { DoctorCheck } from "../commands/run-doctor.ts";

export interface StatusCheck {
  name: string;
  run(): Promise<DoctorCheck | DoctorCheck[]>;
}

export interface StatusDoctor {
  findings(): Promise<{ checks: DoctorCheck[]; checkedAt: number }>;
}

export function createStatusDoctor(
  { checks, timeoutMs = 3_000, cacheMs = 30_000, now = Date.now }: {
    checks: readonly StatusCheck[];
    timeoutMs?: number;
    cacheMs?: number;
    now?: () => number;
  },
): StatusDoctor {
  let last: { checks: DoctorCheck[]; checkedAt: number } | null = null;
  let running: Promise<{ checks: DoctorCheck[]; checkedAt: number }> | null =
    null;
  const bounded = async (check: StatusCheck): Promise<DoctorCheck[]> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<DoctorCheck[]>((resolve) => {
      timer = setTimeout(() =>
        resolve([{
          name: check.name,
          ok: false,
          detail: `no answer within ${
            timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`
          } (run doctor for the full check)`,
        }]), timeoutMs);
    });
    try {
      // Redacted before the page: a driver's or HTTP client's message may quote a URL with credentials.
      return (await Promise.race([
        check.run().then((r) => Array.isArray(r) ? r : [r]).catch((
          error: unknown,
        ) => [{
          name: check.name,
          ok: false,
          detail: (error as Error).message,
        }]),
        late,
      ])).map((found) => ({
        ...found,
        detail: redactCredentials(found.detail),
      }));
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    findings() {
      if (last && now() - last.checkedAt < cacheMs) {
        return Promise.resolve(last);
      }
      running ??= (async () => {
        try {
          const results = await Promise.all(checks.map(bounded));
          last = { checks: results.flat(), checkedAt: now() };
          return last;
        } finally {
          running = null;
        }
      })();
      return running;
    },
  };
}
