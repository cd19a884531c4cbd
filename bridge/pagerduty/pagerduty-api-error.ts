// A non-2xx answer of PagerDuty's REST API, or a call the client did not send because the rate limit is used up.
// PagerDuty's `errors` say what was wrong, so they lead the message (read by readPagerDutyError). Everything is
// passed through redactCredentials again: the client's own messages may carry a caller's path.
import { redactCredentials } from "../../shared/pagerduty/redact-credentials.ts";

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
