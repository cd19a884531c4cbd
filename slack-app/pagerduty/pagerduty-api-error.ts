/** A PagerDuty REST answer that was not 2xx, or a request that never got an answer (`status` 0). */
export class PagerDutyApiError extends Error {
  override readonly name = "PagerDutyApiError";
  constructor(
    readonly status: number,
    /** PagerDuty's `error.code` (1001 already resolved, 2010 access denied…); undefined when absent. */
    readonly code: number | undefined,
    message: string,
    readonly context: {
      method: string;
      path: string;
      /** Seconds until the rate limit window resets (`ratelimit-reset`), when PagerDuty said so. */
      retryAfterSeconds?: number;
      /** PagerDuty's `error.errors` details. */
      errors?: string[];
      cause?: unknown;
    },
  ) {
    super(message, { cause: context.cause });
  }
}

/** Builds the error from a non-2xx response; PagerDuty's body is `{"error":{"message","code","errors"}}`. */
export async function pagerDutyApiErrorFromResponse(
  response: Response,
  method: string,
  path: string,
): Promise<PagerDutyApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof error.code === "number"
    ? error.code
    : typeof error.code === "string" && /^\d+$/.test(error.code)
    ? Number(error.code)
    : undefined;
  const message = typeof error.message === "string"
    ? error.message
    : `PagerDuty answered ${response.status}`;
  const errors = Array.isArray(error.errors)
    ? error.errors.filter((e): e is string => typeof e === "string")
    : undefined;
  const reset = Number(response.headers.get("ratelimit-reset"));
  return new PagerDutyApiError(response.status, code, message, {
    method,
    path,
    errors,
    retryAfterSeconds: Number.isFinite(reset) && reset > 0
      ? Math.ceil(reset)
      : undefined,
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}
