import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "../../test/simulators/slack/start-slack-simulator.ts";
import {
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";
import { createInstallationStore } from "../install/installation-store.ts";
import { createSecretBox } from "../secrets/secret-box.ts";
import { createPacingGate } from "./pacing-gate.ts";
import { createSlackWorkspaces } from "./slack-workspaces.ts";

const dialects = await testDialects();
const KEY = "an-encryption-key-of-forty-characters!!";
const T0 = new Date("2026-12-01T10:00:00.000Z");

for (const { dialect, skip } of dialects) {
  describe.skipIf(skip)(`Slack workspaces (${dialect})`, () => {
    let database!: TestDatabase;
    let sim: SlackSimulator;
    useTestDatabase(
      dialect,
      ["slack_installations", "slack_pacing"],
      (d) => (database = d),
    );
    beforeAll(async () => {
      sim = await startSlackSimulator();
      sim.addWorkspace({ teamId: "T0SIMTEAM2", name: "Second" });
    });
    afterAll(async () => await sim.close());

    const install = async (teamId: string) => {
      const handle = sim.workspaceByTeamId(teamId)!;
      const token = handle.createToken({
        kind: "bot",
        appId: "A0BRIDGE",
        scopes: ["chat:write"],
      });
      const store = createInstallationStore(
        database.db,
        createSecretBox(KEY),
      );
      await store.save({
        teamId,
        teamName: handle.workspace.teamName,
        enterpriseId: null,
        appId: "A0BRIDGE",
        botUserId: token.userId,
        botToken: token.token,
        scopes: ["chat:write"],
        installedBy: null,
      }, T0);
      return { token, store };
    };

    it("calls each workspace with its own token, and needs a team once there are several", async () => {
      const bot = sim.createToken({
        kind: "bot",
        appId: "A0BRIDGE",
        scopes: ["chat:write"],
      });
      const { token: tokenB, store } = await install("T0SIMTEAM2");
      const workspaces = createSlackWorkspaces({
        botToken: bot.token,
        installations: store,
        slackApiUrl: sim.url,
        gate: createPacingGate(database.db),
      });

      // SLACK_BOT_TOKEN's team is not known yet, and another workspace is installed: a team must be named.
      expect(await workspaces.clientFor(null)).toMatchObject({
        ok: false,
        reason: "team_required",
      });
      workspaces.setBotTeam("T0SIMTEAM1");
      expect(await workspaces.teams()).toEqual(["T0SIMTEAM1", "T0SIMTEAM2"]);
      expect(await workspaces.defaultTeam()).toBe("T0SIMTEAM1");

      const a = await workspaces.clientFor("T0SIMTEAM1");
      const b = await workspaces.clientFor("T0SIMTEAM2");
      if (!a.ok || !b.ok) throw new Error("expected clients");
      expect(a.workspace.source).toBe("bot_token");
      expect(b.workspace.source).toBe("installation");
      expect(a.workspace.fingerprint).not.toBe(b.workspace.fingerprint);
      const answerA = await a.workspace.slack.call("auth.test", {});
      const answerB = await b.workspace.slack.call("auth.test", {});
      expect(answerA).toMatchObject({
        ok: true,
        data: { team_id: "T0SIMTEAM1" },
      });
      expect(answerB).toMatchObject({
        ok: true,
        data: { team_id: "T0SIMTEAM2" },
      });
      expect(sim.calls({ method: "auth.test" }).slice(-2).map((c) => c.token))
        .toEqual([bot.token, tokenB.token]);
      // Pacing budgets are kept per workspace.
      const budgets = await database.db.selectFrom("slack_pacing")
        .select("key").execute();
      expect(budgets.some((r) => r.key.includes("T0SIMTEAM1"))).toBe(true);
      expect(budgets.some((r) => r.key.includes("T0SIMTEAM2"))).toBe(true);

      // Uninstalled: forgotten at once, and its lookups say so; the other workspace is untouched.
      await store.delete("T0SIMTEAM2");
      workspaces.forget("T0SIMTEAM2");
      expect(await workspaces.clientFor("T0SIMTEAM2")).toMatchObject({
        ok: false,
        reason: "not_installed",
        message: expect.stringContaining("T0SIMTEAM2"),
      });
      expect((await workspaces.clientFor("T0SIMTEAM1")).ok).toBe(true);
      expect(await workspaces.clientFor(null)).toMatchObject({ ok: true });
    });

    it("without a bot token, the only installation is the default workspace", async () => {
      const { store } = await install("T0SIMTEAM2");
      const workspaces = createSlackWorkspaces({
        botToken: null,
        installations: store,
        slackApiUrl: sim.url,
        gate: createPacingGate(database.db),
      });
      expect(await workspaces.defaultTeam()).toBe("T0SIMTEAM2");
      const only = await workspaces.clientFor(undefined);
      expect(only).toMatchObject({
        ok: true,
        workspace: { teamId: "T0SIMTEAM2" },
      });
      expect(await workspaces.clientFor("T0UNKNOWN")).toMatchObject({
        ok: false,
        reason: "not_installed",
      });
    });

    it("reads a reinstalled workspace's new token once the cache expires", async () => {
      let clock = 0;
      const { store } = await install("T0SIMTEAM2");
      const workspaces = createSlackWorkspaces({
        botToken: null,
        installations: store,
        slackApiUrl: sim.url,
        gate: createPacingGate(database.db),
        cacheMs: 1000,
        now: () => clock,
      });
      const first = await workspaces.clientFor("T0SIMTEAM2");
      await install("T0SIMTEAM2"); // another replica saved the reinstall
      const cached = await workspaces.clientFor("T0SIMTEAM2");
      clock += 1000;
      const fresh = await workspaces.clientFor("T0SIMTEAM2");
      if (!first.ok || !cached.ok || !fresh.ok) throw new Error("expected");
      expect(cached.workspace.fingerprint).toBe(first.workspace.fingerprint);
      expect(fresh.workspace.fingerprint).not.toBe(first.workspace.fingerprint);
    });
  });
}
