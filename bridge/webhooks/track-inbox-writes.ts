// What the inbox writer last experienced, for /readyz: a probe cannot reproduce every way an insert fails (a
// full disk shows only when a commit needs space, a PostgreSQL server may refuse what a rolled-back probe
// never commits), but the webhooks themselves do. While the last store failed, and for a while after when
// nothing else arrives, the bridge says it is not ready. A database that could not be reached is not held
// against it: Database.readiness sees that itself, and sees it end.
import { isDatabaseUnavailable } from "../db/database-error.ts";
import type { Readiness } from "../db/open-database.ts";
import { InboxWriteError, type InboxWriter } from "./create-inbox-writer.ts";

/** How long a failed store keeps /readyz at 503 when no webhook arrives to show the database recovered. */
const FAILED_STORE_HOLD_MS = 30_000;

export function trackInboxWrites(
  writer: InboxWriter,
  { now = Date.now }: { now?: () => number } = {},
): { writer: InboxWriter; readiness(): Readiness } {
  let failed: { at: number; code: string | null } | null = null;
  return {
    writer: {
      async write(input) {
        try {
          const outcome = await writer.write(input);
          failed = null;
          return outcome;
        } catch (error) {
          const cause = error instanceof InboxWriteError ? error.cause : error;
          if (!isDatabaseUnavailable(cause)) {
            // The code (SQLITE_FULL, 53100 disk_full, 42501 no privilege) and not the message, which may
            // quote a value of the row.
            const code = (cause as { code?: unknown })?.code;
            failed = {
              at: now(),
              code: typeof code === "string" ? code : null,
            };
          }
          throw error;
        }
      },
    },
    readiness: () =>
      failed !== null && now() - failed.at < FAILED_STORE_HOLD_MS
        ? {
          ready: false,
          reason: `the last webhook could not be stored${
            failed.code ? ` (${failed.code})` : ""
          }`,
        }
        : { ready: true },
  };
}
