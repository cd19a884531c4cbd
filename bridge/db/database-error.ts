// What a database failure means to its caller: a reason to show (DatabaseError, describeDatabaseError), and
// whether the same statement may succeed later (isDatabaseUnavailable).
export class DatabaseError extends Error {
  override name = "DatabaseError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const UNAVAILABLE_SYSTEM_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
// pg reports a dropped or refused connection with plain Errors, named only by their messages.
const UNAVAILABLE_PG_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly)/;

/**
 * True when the error says the database could not be reached or was locked, not that the statement was wrong:
 * the same statement may succeed later, so the caller retries or answers 503. Covers a refused or dropped
 * connection, PostgreSQL shutting down or terminating the session (a restart, a failover,
 * pg_terminate_backend) or refusing connections, and SQLite's SQLITE_BUSY / SQLITE_LOCKED (busy_timeout ran
 * out, or a deferred transaction could not upgrade to a write). Looks into AggregateError (Node's connect to a
 * host with several addresses) and the cause of a DatabaseError, and no further: a refused connection under
 * another error (`fetch failed` from a Slack or PagerDuty call) is not the database's.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let depth = 0; error instanceof Error && depth < 5; depth += 1) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string") {
      if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return true;
      if (UNAVAILABLE_SYSTEM_CODES.has(code)) return true;
      // SQLSTATE class 08 (connection exception), 57P01-57P03 (admin/crash shutdown, cannot connect now),
      // 53300 (too many connections).
      if (/^(08...|57P0[123]|53300)$/.test(code)) return true;
    }
    if (UNAVAILABLE_PG_MESSAGES.test(error.message)) return true;
    if (
      error instanceof AggregateError &&
      error.errors.some((inner) => isDatabaseUnavailable(inner))
    ) {
      return true;
    }
    if (!(error instanceof DatabaseError)) return false;
    error = error.cause;
  }
  return false;
}

/** An error and its causes on one line ("migration 0003 failed: relation … does not exist"). */
export function describeDatabaseError(error: unknown): string {
  const parts: string[] = [];
  for (let depth = 0; error !== undefined && depth < 5; depth += 1) {
    if (!(error instanceof Error)) {
      parts.push(String(error));
      break;
    }
    // Node's connect to a name with several addresses fails with an AggregateError whose own message is empty.
    const message = error instanceof AggregateError && error.message === ""
      ? [...new Set(error.errors.map((inner) => String(inner?.message)))]
        .join("; ")
      : error.message;
    if (message && !parts.includes(message)) parts.push(message);
    error = error.cause;
  }
  return parts.join(": ");
}
