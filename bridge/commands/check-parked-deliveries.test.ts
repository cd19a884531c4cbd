import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../db/open-database.ts";
import { parkDelivery, tokenFingerprint } from "../outbox/delivery-blocks.ts";
import { checkParkedDeliveries } from "./check-parked-deliveries.ts";

const dir = mkdtempSync(join(tmpdir(), "pagerslack-parked-"));
const url = `sqlite:${join(dir, "bridge.db")}`;
const NOW = new Date("2026-11-29T12:00:00.000Z");
const TOKEN = "xoxb-the-refused-one";
const open = () => openDatabase(url);

async function withDb(
  work: (db: ReturnType<typeof open>["db"]) => Promise<void>,
) {
  const database = open();
  try {
    await work(database.db);
  } finally {
    await database.close();
  }
}

const job = (
  key: string,
  channel: string,
  status: string,
  lastError: string | null,
) =>
  withDb(async (db) => {
    await db.insertInto("outbox").values({
      kind: "card",
      dedupe_key: key,
      incident_id: "PINC1",
      channel_id: channel,
      payload: "{}",
      status: status as "pending",
      version: 1,
      attempts: 0,
      available_at: NOW.toISOString(),
      last_error: lastError,
      enqueued_at: NOW.toISOString(),
      created_at: NOW.toISOString(),
    }).execute();
  });

describe("doctor: parked deliveries", () => {
  beforeAll(async () => {
    const database = open();
    await database.migrate();
    await database.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() =>
    withDb(async (db) => {
      await db.deleteFrom("outbox").execute();
      await db.deleteFrom("delivery_blocks").execute();
    })
  );

  it("is fine when nothing waits", async () => {
    expect(await checkParkedDeliveries(open, tokenFingerprint(TOKEN))).toEqual([
      {
        name: "parked deliveries",
        ok: true,
        detail: "none: Slack takes every delivery",
      },
    ]);
  });

  it("names a refused token, each refused channel with what to do, and what was given up", async () => {
    await job("a", "CINCIDENTS", "pending", "token_revoked");
    await job("b", "CINCIDENTS", "pending", "token_revoked");
    await job("c", "CGONE", "pending", "not_in_channel");
    await job("d", "CGONE", "failed", "given_up: not_in_channel");
    await withDb(async (db) => {
      await parkDelivery(db, {
        scope: "workspace",
        key: "default",
        error: "token_revoked",
        token_fingerprint: tokenFingerprint(TOKEN),
        retry_at: NOW.toISOString(),
        now: NOW,
      });
      await parkDelivery(db, {
        scope: "channel",
        key: "CGONE",
        error: "not_in_channel",
        token_fingerprint: tokenFingerprint(TOKEN),
        retry_at: NOW.toISOString(),
        now: NOW,
      });
    });
    const checks = await checkParkedDeliveries(open, tokenFingerprint(TOKEN));
    expect(checks.every((c) => !c.ok && c.name === "parked deliveries")).toBe(
      true,
    );
    expect(checks.map((c) => c.detail)).toEqual([
      expect.stringMatching(
        /token_revoked.*2026-11-29T12:00:00\.000Z: 3 cards and updates wait.*Set SLACK_BOT_TOKEN/,
      ),
      expect.stringMatching(
        /CGONE \(not_in_channel\).*: 1 cards and updates wait\. Invite the bot \(\/invite @PagerSlack\)/,
      ),
      expect.stringMatching(/^1 cards and updates were given up/),
    ]);
    // A token changed since the refusal is worth a restart, not a new token.
    const changed = await checkParkedDeliveries(
      open,
      tokenFingerprint("xoxb-new"),
    );
    expect(changed[0]!.detail).toMatch(
      /a different one: the bridge tries it when it next starts/,
    );
  });
});
