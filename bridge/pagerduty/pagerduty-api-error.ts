// A non-2xx answer of PagerDuty's REST API, or a call the client did not send because the rate limit is used up.
// PagerDuty's body is `{"error":{"message","code","errors":[…]}}`: `message` is the code's generic wording
// ("Invalid Input Provided"), `errors` says what was wrong ("Service PNOPE00 not found"), so the details lead the
// message. Everything is passed through redactCredentials: PagerDuty may echo what it was sent.
import { redactCredentials } from "./redact-credentials.ts";

export class PagerDutyApiError extends Error {
  override name = "PagerDutyApiError";
  readonly path: string;
  readonly status: number;
  readonly code: number | null;
  /** PagerDuty's `error.errors`, redacted. */
  readonly errors: string[];
  /** When the rate limit allows calls again (epoch ms); set for 429s, sent or not. */
  readonly retryAt: number | null;
  /** False when the client held the call back (rate limit used up) instead of sending it. */
  readonly sent: boolean;
  constructor(
    init: {
      path: string;
      status: number;
      code: number | null;
      message: string;
      errors?: readonly string[];
      retryAt?: number | null;
      sent?: boolean;
    },
    options?: { cause?: unknown },
  ) {
    const errors = (init.errors ?? []).map(redactCredentials);
    const summary = `${init.status} ${redactCredentials(init.message)}${
      init.code === null ? "" : `, code ${init.code}`
    }`;
    super(
      `PagerDuty ${init.path}: ${
        errors.length ? `${errors.join("; ")} (${summary})` : summary
      }`,
      options,
    );
    this.path = init.path;
    this.status = init.status;
    this.code = init.code;
    this.errors = errors;
    this.retryAt = init.retryAt ?? null;
    this.sent = init.sent ?? true;
  }
}

/** PagerDuty's `errors` entries are strings; tolerate objects (`{message}`) and drop anything else. */
export function errorDetails(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    if (typeof entry === "string") return entry ? [entry] : [];
    const message = (entry as { message?: unknown } | null)?.message;
    return typeof message === "string" && message ? [message] : [];
  });
}
