// conversations.open as docs.slack.dev/reference/methods/conversations.open documents it (the page copied in
// methods/conversations.open.json): `users` opens or resumes a 1:1 DM, needs im:write, and its errors.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { callSlack } from "./call-slack.ts";
import { type SeededWorkspace, seedWorkspace } from "./seed-workspace.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";

const sims: SlackSimulator[] = [];
let sim: SlackSimulator;
let w: SeededWorkspace;

const api = async (
  method: string,
  args: Record<string, unknown>,
  token = w.bridgeToken,
) => (await callSlack(sim.url, method, args, token)).body;

beforeEach(async () => {
  sim = await startSlackSimulator({ now: () => 1_700_000_000_000 });
  sims.push(sim);
  w = seedWorkspace(sim);
});

afterAll(async () => {
  for (const s of sims) await s.close();
  for (const s of sims) expect(s.undocumentedErrors()).toEqual([]);
});

describe("conversations.open", () => {
  it("opens the IM with one user and answers the same D… id when asked again; the bot posts and edits there", async () => {
    const first = await api("conversations.open", { users: w.alice });
    expect(first).toEqual({
      ok: true,
      channel: { id: expect.stringMatching(/^D/) },
    });
    const id = (first as { channel: { id: string } }).channel.id;
    const again = await api("conversations.open", {
      users: w.alice,
      return_im: true,
    });
    expect(again).toMatchObject({
      ok: true,
      no_op: true,
      already_open: true,
      channel: { id, is_im: true, user: w.alice },
    });
    const posted = await api("chat.postMessage", {
      channel: id,
      text: "hi",
    }) as {
      ok: boolean;
      ts: string;
    };
    expect(posted.ok).toBe(true);
    expect(
      (await api("chat.update", { channel: id, ts: posted.ts, text: "edited" }))
        .ok,
    ).toBe(true);
    expect(sim.transcript(id).map((m) => m.text)).toEqual(["edited"]);
    // Reading it back takes im:history (the bridge finds its DM cards again after a crash).
    expect(
      await api("conversations.history", { channel: id, limit: 1 }),
    ).toMatchObject({ ok: true, messages: [{ ts: posted.ts }] });
  });

  it("needs im:write, and IM history needs im:history (not the private-channel scopes)", async () => {
    const narrow = sim.createToken({
      kind: "bot",
      appId: "A0NARROW1",
      scopes: ["chat:write", "groups:history"],
    });
    expect(await api("conversations.open", { users: w.alice }, narrow.token))
      .toMatchObject({ ok: false, error: "missing_scope", needed: "im:write" });
    const id = (await api("conversations.open", { users: w.alice }) as {
      channel: { id: string };
    }).channel.id;
    sim.workspace.channels.get(id)?.members.add(narrow.userId);
    expect(await api("conversations.history", { channel: id }, narrow.token))
      .toMatchObject({
        ok: false,
        error: "missing_scope",
        needed: "im:history",
      });
  });

  it.each([
    ["no users", {}, "users_list_not_supplied"],
    ["an unknown user", { users: "U0NOBODY1" }, "user_not_found"],
    [
      "more than 8 users",
      { users: "U1,U2,U3,U4,U5,U6,U7,U8,U9" },
      "too_many_users",
    ],
  ])("refuses %s", async (_, args, error) => {
    expect(await api("conversations.open", args)).toEqual({ ok: false, error });
  });

  it("refuses a deactivated user (user_disabled) and a bot (cannot_dm_bot), opening nothing", async () => {
    const gone = sim.createUser({ name: "gone", deleted: true }).id;
    const bot = sim.createUser({ name: "somebot", isBot: true }).id;
    expect(await api("conversations.open", { users: gone })).toEqual({
      ok: false,
      error: "user_disabled",
    });
    expect(await api("conversations.open", { users: bot })).toEqual({
      ok: false,
      error: "cannot_dm_bot",
    });
    expect(sim.imChannelId(w.bridgeBotUser, gone)).toBeUndefined();
  });

  it("resumes an IM by channel, refusing channels that are not IMs", async () => {
    const id = (await api("conversations.open", { users: w.bob }) as {
      channel: { id: string };
    }).channel.id;
    expect(await api("conversations.open", { channel: id })).toEqual({
      ok: true,
      channel: { id },
    });
    expect(await api("conversations.open", { channel: w.incidents })).toEqual({
      ok: false,
      error: "method_not_supported_for_channel_type",
    });
  });
});
