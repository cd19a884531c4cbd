import { readPagerDutyError } from "../../shared/pagerduty/read-pagerduty-error.ts";

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
      /** A 403 for a missing OAuth scope names it (`teams.read`): the OAuth app lacks it, not the user's role. */
      requiredScopes?: string[];
      cause?: unknown;
    },
  ) {
    super(message, { cause: context.cause });
  }
}

/**
 * A 403 naming the OAuth scopes the operation needs: the token (the OAuth app's grant) lacks them, which the
 * person's role cannot explain. Checked before any role explanation.
 */
export function isMissingScope(
  error: PagerDutyApiError,
): error is PagerDutyApiError & {
  context: PagerDutyApiError["context"] & { requiredScopes: string[] };
} {
  return error.status === 403 && !!error.context.requiredScopes?.length;
}

/** Builds the error from a non-2xx response (message and details redacted, as on the bridge). */
export async function pagerDutyApiErrorFromResponse(
  response: Response,
  method: string,
  path: string,
): Promise<PagerDutyApiError> {
  const { code, message, errors, resetSeconds, requiredScopes } =
    await readPagerDutyError(response);
  return new PagerDutyApiError(response.status, code ?? undefined, message, {
    method,
    path,
    errors: errors.length ? errors : undefined,
    requiredScopes: requiredScopes.length ? requiredScopes : undefined,
    retryAfterSeconds: resetSeconds ? Math.ceil(resetSeconds) : undefined,
  });
}
