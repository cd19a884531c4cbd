import type { Kysely, Migration } from "kysely";

/**
 * What each page of a storm digest is and shows, durably (bridge/outbox/deliver-digest.ts): one row per page with
 * its Slack ts (null while it is to be posted, also after someone deleted it) and a hash of what Slack was last
 * told it shows, written only after Slack took the post or edit. Before, the page ts lived in `digests.ts` /
 * `digests.page_ts` and what a page showed in the process's memory: another replica or a restarted process edited
 * pages needlessly, or skipped an edit a page needed. Existing digests' pages are carried over (shown unknown: each
 * is edited once). `cards.auto_escalated`: PagerDuty escalated the incident by itself (timeout) while it is listed
 * in a digest; its line says so instead of a card of its own (bridge/jobs/own-card-events.ts).
 */
export const digestPages: Migration = {
  async up(db: Kysely<unknown>) {
    const kdb = db as Kysely<{
      digests: { id: number; ts: string | null; page_ts: string | null };
      digest_pages: {
        digest_id: number;
        page: number;
        ts: string | null;
        shown_hash: string | null;
        shown_ids: string | null;
      };
    }>;
    await db.schema.createTable("digest_pages")
      .addColumn("digest_id", "integer", (c) => c.notNull())
      .addColumn("page", "integer", (c) => c.notNull())
      .addColumn("ts", "text")
      .addColumn("shown_hash", "text")
      /** JSON array of the incident ids the page showed when `shown_hash` was written. */
      .addColumn("shown_ids", "text")
      .addPrimaryKeyConstraint("digest_pages_pk", ["digest_id", "page"])
      .execute();
    const digests = await kdb.selectFrom("digests")
      .select(["id", "ts", "page_ts"]).where("ts", "is not", null).execute();
    for (const digest of digests) {
      const all = [
        digest.ts!,
        ...(JSON.parse(digest.page_ts ?? "[]") as string[]),
      ];
      await kdb.insertInto("digest_pages").values(
        all.map((ts, page) => ({
          digest_id: digest.id,
          page,
          ts,
          shown_hash: null,
          shown_ids: null,
        })),
      ).execute();
    }
    await db.schema.alterTable("digests").dropColumn("page_ts").execute();
    await db.schema.alterTable("digests").dropColumn("ts").execute();
    await db.schema.alterTable("cards")
      .addColumn("auto_escalated", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("cards").dropColumn("auto_escalated").execute();
    await db.schema.alterTable("digests").addColumn("ts", "text").execute();
    await db.schema.alterTable("digests").addColumn("page_ts", "text")
      .execute();
    await db.schema.dropTable("digest_pages").execute();
  },
};
