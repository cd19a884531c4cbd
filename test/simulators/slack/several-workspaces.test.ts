import { afterEach, describe, expect, it } from "vitest";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";

async function post(
  sim: SlackSimulator,
  method: string,
  token: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${sim.url}${method}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json; charset=utf-8",
    },
    body: JSON.stringify(body),
  });
  return await response.json() as Record<string, unknown>;
}

describe("several workspaces", () => {
  let sim: SlackSimulator;
  afterEach(async () => await sim.close());

  it("lets the token decide the workspace, and keeps each workspace's things to itself", async () => {
    sim = await startSlackSimulator();
    const b = sim.addWorkspace({ teamId: "T0SIMTEAM2", name: "Second Co" });
    const botA = sim.createToken({
      kind: "bot",
      appId: "A0BRIDGE",
      scopes: ["chat:write", "users:read", "users:read.email"],
    });
    const botB = b.createToken({
      kind: "bot",
      appId: "A0BRIDGE",
      scopes: ["chat:write", "users:read", "users:read.email"],
    });
    const channelA = sim.createChannel({
      name: "incidents",
      members: [botA.userId],
    });
    const channelB = b.createChannel({
      name: "incidents",
      members: [botB.userId],
    });
    expect(channelA.id).not.toBe(channelB.id);
    b.createUser({ name: "bea", email: "bea@example.com" });

    const authA = await post(sim, "auth.test", botA.token, {});
    const authB = await post(sim, "auth.test", botB.token, {});
    expect(authA).toMatchObject({ ok: true, team_id: "T0SIMTEAM1" });
    expect(authB).toMatchObject({
      ok: true,
      team_id: "T0SIMTEAM2",
      team: "Second Co",
      url: "https://second-co.slack.com/",
    });

    expect(
      await post(sim, "chat.postMessage", botB.token, {
        channel: channelB.id,
        text: "hello B",
      }),
    ).toMatchObject({ ok: true });
    expect(
      await post(sim, "chat.postMessage", botB.token, {
        channel: channelA.id,
        text: "not yours",
      }),
    ).toMatchObject({ ok: false, error: "channel_not_found" });
    expect(
      await post(sim, "users.lookupByEmail", botA.token, {
        email: "bea@example.com",
      }),
    ).toMatchObject({ ok: false, error: "users_not_found" });
    expect(
      await post(sim, "users.lookupByEmail", botB.token, {
        email: "bea@example.com",
      }),
    ).toMatchObject({ ok: true });

    expect(b.transcript(channelB.id).map((m) => m.text)).toEqual(["hello B"]);
    expect(sim.transcript(channelA.id)).toEqual([]);
    // The second workspace's handle sees only its own calls; the simulator's sees every call.
    expect(b.calls({ method: "chat.postMessage" }).map((c) => c.token))
      .toEqual([botB.token, botB.token]);
    expect(b.calls().every((c) => c.teamId === "T0SIMTEAM2")).toBe(true);
    expect(sim.calls({ method: "auth.test" }).map((c) => c.teamId)).toEqual([
      "T0SIMTEAM1",
      "T0SIMTEAM2",
    ]);
    expect(sim.workspaceByTeamId("T0SIMTEAM2")?.workspace).toBe(b.workspace);
    expect(sim.workspaceByTeamId("T0SIMTEAM1")?.teamId).toBe("T0SIMTEAM1");
    expect(sim.workspaceByTeamId("T0NOPE")).toBeUndefined();
    expect(sim.workspaces().map((w) => w.teamId)).toEqual([
      "T0SIMTEAM1",
      "T0SIMTEAM2",
    ]);
  });

  it("counts rate limits per workspace and scopes a handle's faults to it", async () => {
    let clock = 1_000_000;
    sim = await startSlackSimulator({
      now: () => clock,
      rateLimits: { mode: "realistic", perMinute: { "auth.test": 1 } },
    });
    const b = sim.addWorkspace({ teamId: "T0SIMTEAM2", name: "Second" });
    const botA = sim.createToken({ kind: "bot", appId: "A0X", scopes: [] });
    const botB = b.createToken({ kind: "bot", appId: "A0X", scopes: [] });
    expect(await post(sim, "auth.test", botA.token, {})).toMatchObject({
      ok: true,
    });
    expect(await post(sim, "auth.test", botA.token, {})).toMatchObject({
      ok: false,
      error: "ratelimited",
    });
    // Workspace B's budget is its own.
    expect(await post(sim, "auth.test", botB.token, {})).toMatchObject({
      ok: true,
    });
    clock += 60_000;

    b.injectFault({
      method: "auth.test",
      kind: "error",
      error: "invalid_auth",
    });
    expect(await post(sim, "auth.test", botA.token, {})).toMatchObject({
      ok: true,
    });
    expect(await post(sim, "auth.test", botB.token, {})).toMatchObject({
      ok: false,
      error: "invalid_auth",
    });
  });

  it("revokes one workspace's token without touching another's", async () => {
    sim = await startSlackSimulator();
    const b = sim.addWorkspace({ teamId: "T0SIMTEAM2", name: "Second" });
    const botA = sim.createToken({ kind: "bot", appId: "A0X", scopes: [] });
    const botB = b.createToken({ kind: "bot", appId: "A0X", scopes: [] });
    sim.revokeToken(botA.token);
    expect(await post(sim, "auth.test", botA.token, {})).toMatchObject({
      ok: false,
      error: "invalid_auth",
    });
    expect(await post(sim, "auth.test", botB.token, {})).toMatchObject({
      ok: true,
      team_id: "T0SIMTEAM2",
    });
  });

  it("refuses a duplicate or malformed team id", async () => {
    sim = await startSlackSimulator();
    expect(() => sim.addWorkspace({ teamId: "T0SIMTEAM1", name: "again" }))
      .toThrow(/exists already/);
    expect(() => sim.addWorkspace({ teamId: "team2", name: "bad" })).toThrow(
      /not a Slack team id/,
    );
  });
});
