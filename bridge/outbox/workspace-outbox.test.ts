// Issue 17: with one sender per workspace (the bridge's shape), a storm that simply stops is still said to be over:
// the sender of the digest's workspace runs when its end is due, even with nothing pending anywhere.
import { expect, it } from "vitest";
import { createBridgeMetrics } from "../ops/bridge-metrics.ts";
import { createPacingGate } from "../slack/pacing-gate.ts";
import { createSlackWorkspaces } from "../slack/slack-workspaces.ts";
import { silentLogger } from "../../test/support/bridge-test-support.ts";
import {
  ACTIONS_TRIGGER_URL,
  describeOnEachDatabase,
} from "../../test/support/sender-harness.ts";
import { testDialects } from "../../test/support/test-databases.ts";
import { digestsIn, STORM, triggers } from "../../test/support/storm-events.ts";
import { sharedCardRenderer } from "./shared-card-renderer.ts";
import { createWorkspaceOutbox } from "./workspace-outbox.ts";

const dialects = await testDialects();

describeOnEachDatabase(dialects, "workspace outbox in a storm", (h) => {
  it("says the storm is over by itself when nothing is pending in any workspace", async () => {
    await h.connect({ events: ["incident.acknowledged"] });
    await h.deliver(...triggers(1, 12));
    const now = () => new Date(h.clock.ms);
    const workspaces = createSlackWorkspaces({
      botToken: h.botToken,
      installations: null,
      slackApiUrl: h.slack.url,
      gate: createPacingGate(h.database.db),
      now: () => h.clock.ms,
    });
    const auth = h.slack.call("auth.test", {}, h.botToken) as {
      team_id: string;
    };
    workspaces.setBotTeam(auth.team_id);
    const outbox = createWorkspaceOutbox({
      db: h.database.db,
      workspaces,
      renderer: (url) => sharedCardRenderer(url),
      actionsTriggerUrl: ACTIONS_TRIGGER_URL,
      logger: silentLogger(),
      metrics: createBridgeMetrics(),
      now,
      storm: STORM,
    });
    const over = () =>
      JSON.stringify(digestsIn(h.cards())[0]?.blocks ?? []).includes(
        "The storm is over",
      );
    await h.flush(outbox, 200, 10_000);
    expect(digestsIn(h.cards())).toHaveLength(1);
    expect(over()).toBe(false);
    expect(
      await h.database.db.selectFrom("outbox").select("id")
        .where("status", "=", "pending").execute(),
    ).toHaveLength(0);
    // Nothing pending: the wait it asks for is the storm's end, and then the digest says so.
    await h.flush(outbox);
    expect(over()).toBe(true);
  });
});
