// What the status page knows per workspace, read from a seeded database: a token that no longer opens, a
// workspace uninstalled while its work waits, and SLACK_BOT_TOKEN's workspace with its rows that carry no team.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  openTestDatabase,
  type TestDatabase,
} from "../../test/support/test-databases.ts";
import { SEEDED, seedStatusData } from "../../test/support/seed-status-data.ts";
import { createInstallationStore } from "../install/installation-store.ts";
import { parkDelivery } from "../outbox/delivery-blocks.ts";
import { createSecretBox } from "../secrets/secret-box.ts";
import { collectWorkspaceStatus } from "./collect-workspace-status.ts";

const KEY = "an-encryption-key-of-forty-characters!!";
const NOW = new Date("2026-12-03T09:00:00.000Z");

describe("collectWorkspaceStatus", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase("sqlite");
    await seedStatusData(database.db, createSecretBox(KEY), NOW);
  });
  afterEach(() => database.close());

  it("says a kept token does not open with the configured key, without showing it", async () => {
    const other = createSecretBox("another-encryption-key-of-forty-chars!!");
    const workspaces = await collectWorkspaceStatus({
      db: database.db,
      installations: createInstallationStore(database.db, other),
      botWorkspace: null,
      hasBotToken: false,
    });
    const acme = workspaces.find((w) => w.teamId === "T0ACME")!;
    expect(acme.token).toEqual({
      ok: false,
      text:
        "sealed under another PAGERSLACK_ENCRYPTION_KEY: it does not open (restore the key or install again)",
    });
    for (const secret of SEEDED.botTokens) {
      expect(JSON.stringify(workspaces)).not.toContain(secret);
    }
  });

  it("keeps showing a workspace uninstalled mid-incident, with the work it holds back", async () => {
    const box = createSecretBox(KEY);
    const store = createInstallationStore(database.db, box);
    await store.delete("T0GLOBEX");
    await parkDelivery(database.db, {
      scope: "workspace",
      key: "T0GLOBEX",
      error: "not_installed",
      token_fingerprint: "",
      retry_at: NOW.toISOString(),
      now: NOW,
    });
    const workspaces = await collectWorkspaceStatus({
      db: database.db,
      installations: store,
      botWorkspace: { teamId: "T0BOT", teamName: "Bot Co" },
      hasBotToken: true,
    });
    expect(workspaces.map((w) => [w.key, w.source, w.teamName])).toEqual([
      ["default", "bot_token", "Bot Co"],
      ["T0ACME", "installed", SEEDED.workspaces[0]],
      ["T0GLOBEX", "uninstalled", "T0GLOBEX"],
    ]);
    const globex = workspaces[2]!;
    expect(globex.token).toEqual({
      ok: false,
      text: "no token: not installed (or uninstalled)",
    });
    expect(globex.problems.map((p) => p.what)).toEqual([
      "no bot token (uninstalled, or its tokens revoked): 1 cards and updates wait",
      "Slack refused the card buttons (chat.postMessage: invalid_blocks): cards go out without them",
    ]);
    expect(globex.queues).toEqual([{
      channelId: SEEDED.globexChannel,
      pending: 1,
      failed: 0,
      parkedBy: "not_installed",
    }]);
    // The bot's workspace: nothing of Acme's or Globex's.
    expect(workspaces[0]!.queues).toEqual([]);
    expect(workspaces[0]!.problems).toEqual([]);
    expect(workspaces[1]!.recent.map((d) => d.status)).toEqual([
      "done",
      "failed",
    ]);
  });
});
