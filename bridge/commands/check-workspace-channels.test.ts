// doctor's channel check with two workspaces: SLACK_BOT_TOKEN's channels are asked with that token; another
// workspace's are not asked with it (its bot could not see them: each would be reported "not in" wrongly) but
// named as checked elsewhere. The per-workspace check itself asks each workspace with its own token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../../test/simulators/slack/start-slack-simulator.ts";
import { putConnection } from "../connections/connection-store.ts";
import { openDatabase } from "../db/open-database.ts";
import { createSlackClient } from "../slack/slack-client.ts";
import { SLACK_SCOPES_USED } from "../slack/slack-methods-used.ts";
import {
  checkChannels,
  checkWorkspaceChannels,
} from "./check-workspace-channels.ts";

const NOW = new Date("2026-12-03T10:00:00.000Z");

describe("doctor: connected channels per workspace", () => {
  let slack: SlackSimulator;
  let database: ReturnType<typeof openDatabase>;
  let tokens: { a: string; b: string };
  let channels: { a: string; aOutside: string; b: string };

  beforeAll(async () => {
    slack = await startSlackSimulator();
    const b = slack.addWorkspace({ teamId: "T0SIMTEAM2", name: "Second Co" });
    const scopes = [...SLACK_SCOPES_USED];
    const botA = slack.createToken({ kind: "bot", appId: "ABRIDGE", scopes });
    const botB = b.createToken({ kind: "bot", appId: "ABRIDGE", scopes });
    tokens = { a: botA.token, b: botB.token };
    channels = {
      a: slack.createChannel({ name: "ops", members: [botA.userId] }).id,
      aOutside: slack.createChannel({ name: "hr", members: [] }).id,
      b: b.createChannel({ name: "ops", members: [botB.userId] }).id,
    };
    database = openDatabase(":memory:");
    await database.migrate();
    const connect = (id: string, channel: string, team?: string) =>
      putConnection(database.db, {
        id,
        ...(team ? { team_id: team } : {}),
        channel_id: channel,
        source_type: "service",
        source_id: "PSVC1",
        notification_type: "responder",
        events: [],
        urgency: null,
        priorities: null,
        thread_updates: true,
      }, NOW);
    await connect("a", channels.a, "T0SIMTEAM1");
    await connect("a2", channels.aOutside, "T0SIMTEAM1");
    await connect("b", channels.b, "T0SIMTEAM2");
    // From before migration 0013: no team, SLACK_BOT_TOKEN's workspace (one line with its team's connections).
    await connect("legacy", channels.aOutside);
  });
  afterAll(async () => {
    await database.close();
    await slack.close();
  });

  const client = (token: string) =>
    createSlackClient({ token, slackApiUrl: slack.url });
  const open = () => ({ ...database, close: async () => {} });

  it("the command-line doctor checks its own workspace's channels and names the other's as checked elsewhere", async () => {
    expect(await checkChannels(open, client(tokens.a), "T0SIMTEAM1")).toEqual([
      {
        name: "connected channels",
        ok: false,
        workspace: "default",
        detail:
          `the bot is not in ${channels.aOutside}: invite it (/invite @PagerSlack in each), or cards there cannot be posted`,
      },
      {
        name: "connected channels",
        ok: true,
        workspace: "T0SIMTEAM2",
        detail:
          "1 not checked here: doctor talks to Slack with SLACK_BOT_TOKEN only; the status page (GET /) checks workspace T0SIMTEAM2's channels with its own token",
      },
    ]);
  });

  it("with every workspace's token, asks each workspace's channels with its own", async () => {
    const checks = await checkWorkspaceChannels(
      database.db,
      (team) =>
        Promise.resolve({
          slack: client(team === "T0SIMTEAM2" ? tokens.b : tokens.a),
          installed: team === "T0SIMTEAM2",
        }),
      "T0SIMTEAM1",
    );
    expect(checks).toContainEqual({
      name: "connected channels",
      ok: true,
      workspace: "T0SIMTEAM2",
      detail: "the bot is in all 1",
    });
    expect(checks.filter((c) => c.workspace === "default")).toEqual([
      expect.objectContaining({ ok: false }),
    ]);
    expect(
      slack.calls({ method: "conversations.history" }).filter((c) =>
        c.args.channel === channels.b
      ).map((c) => c.token),
    ).toEqual([tokens.b]);
  });
});
