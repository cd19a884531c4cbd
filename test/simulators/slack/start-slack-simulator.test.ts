import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { callSlack } from "./call-slack.ts";
import { type SeededWorkspace, seedWorkspace } from "./seed-workspace.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";

let clock = 1_700_000_000_000;
const sims: SlackSimulator[] = [];
let sim: SlackSimulator;
let w: SeededWorkspace;

async function api(
  method: string,
  args: Record<string, unknown>,
  token: string | null = w.bridgeToken,
  options: Parameters<typeof callSlack>[4] = {},
) {
  return (await callSlack(sim.url, method, args, token ?? undefined, options))
    .body;
}

beforeEach(async () => {
  sim = await startSlackSimulator({ now: () => clock });
  sims.push(sim);
  w = seedWorkspace(sim);
});

afterAll(async () => {
  for (const s of sims) await s.close();
  for (const s of sims) expect(s.undocumentedErrors()).toEqual([]);
});

describe("auth", () => {
  it("serves the Web API under /api/ on loopback", () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it("answers not_authed without a token and invalid_auth for an unknown one", async () => {
    expect(await api("auth.test", {}, null)).toEqual({
      ok: false,
      error: "not_authed",
    });
    expect(await api("auth.test", {}, "xoxb-nope")).toEqual({
      ok: false,
      error: "invalid_auth",
    });
  });

  it("accepts the token as a form argument or a bearer header, and GET for read methods", async () => {
    const viaBody = await api("auth.test", {}, w.bridgeToken, {
      tokenInBody: true,
    });
    expect(viaBody).toMatchObject({ ok: true, user_id: w.bridgeBotUser });
    expect(viaBody.bot_id).toMatch(/^B/);
    const viaGet = await api("users.info", { user: w.bob }, w.bridgeToken, {
      encoding: "get",
    });
    expect(viaGet).toMatchObject({ ok: true, user: { id: w.bob } });
  });

  it("reads the token of a JSON body only from the Authorization header", async () => {
    const answer = await api("auth.test", {}, w.bridgeToken, {
      encoding: "json",
      tokenInBody: true,
    });
    expect(answer).toEqual({ ok: false, error: "not_authed" });
  });

  it("stops answering a revoked token", async () => {
    sim.revokeToken(w.bridgeToken);
    expect((await api("auth.test", {})).error).toBe("invalid_auth");
  });

  it("answers unknown_method for methods it does not simulate", async () => {
    expect(await api("chat.meMessage", {})).toEqual({
      ok: false,
      error: "unknown_method",
    });
  });
});

describe("scopes", () => {
  it("reports missing_scope with needed and provided", async () => {
    const answer = await api("users.info", { user: w.bob }, w.aliceToken);
    expect(answer).toEqual({
      ok: false,
      error: "missing_scope",
      needed: "users:read",
      provided: "chat:write,channels:read",
    });
  });

  it("needs channels:history for public and groups:history for private history", async () => {
    const token = sim.createToken({
      kind: "bot",
      appId: "A0OTHER001",
      scopes: ["channels:history"],
    });
    sim.workspace.channels.get(w.secretOps)!.members.add(token.userId);
    sim.workspace.channels.get(w.incidents)!.members.add(token.userId);
    expect(
      (await api(
        "conversations.history",
        { channel: w.incidents },
        token.token,
      ))
        .ok,
    ).toBe(true);
    expect(
      await api("conversations.history", { channel: w.secretOps }, token.token),
    ).toMatchObject({ error: "missing_scope", needed: "groups:history" });
  });

  it("gives the email only to tokens with users:read.email", async () => {
    const info = await api("users.info", { user: w.bob });
    expect(info).toMatchObject({
      user: { profile: { email: "bob@example.com" } },
    });
    const narrow = sim.createToken({
      kind: "bot",
      appId: "A0OTHER001",
      scopes: ["users:read"],
    });
    const hidden = await api("users.info", { user: w.bob }, narrow.token);
    expect(hidden).toMatchObject({ ok: true, user: { id: w.bob } });
    expect((hidden.user as { profile: object }).profile).not.toHaveProperty(
      "email",
    );
    expect(await api("users.lookupByEmail", { email: "BOB@example.com" }))
      .toMatchObject({ ok: true, user: { id: w.bob } });
    expect(await api("users.lookupByEmail", { email: "nobody@example.com" }))
      .toEqual({ ok: false, error: "users_not_found" });
    expect(await api("users.info", { user: "U404" })).toEqual({
      ok: false,
      error: "user_not_found",
    });
  });
});

describe("channel rules", () => {
  it("hides private channels the caller is not in, like a wrong id", async () => {
    for (const channel of [w.hr, "C404"]) {
      expect(await api("chat.postMessage", { channel, text: "hi" })).toEqual({
        ok: false,
        error: "channel_not_found",
      });
      expect(await api("conversations.info", { channel })).toEqual({
        ok: false,
        error: "channel_not_found",
      });
    }
    expect(await api("conversations.info", { channel: w.secretOps }))
      .toMatchObject({
        ok: true,
        channel: { is_private: true, is_member: true },
      });
  });

  it("lets chat:write.public post to public channels the bot has not joined, and nothing else", async () => {
    expect(await api("chat.postMessage", { channel: w.general, text: "hi" }))
      .toMatchObject({ ok: true });
    const noPublic = sim.createToken({
      kind: "bot",
      appId: "A0OTHER001",
      scopes: ["chat:write", "channels:history"],
    });
    expect(
      await api(
        "chat.postMessage",
        { channel: w.general, text: "hi" },
        noPublic.token,
      ),
    ).toEqual({ ok: false, error: "not_in_channel" });
    expect(
      await api("conversations.history", { channel: w.general }),
    ).toEqual({ ok: false, error: "not_in_channel" });
  });

  it("refuses posts to archived channels", async () => {
    sim.archiveChannel(w.incidents);
    expect(await api("chat.postMessage", { channel: w.incidents, text: "x" }))
      .toEqual({ ok: false, error: "is_archived" });
  });

  it("creates channels with Slack's naming rules", async () => {
    const created = await api("conversations.create", {
      name: "inc-42",
      is_private: true,
    });
    expect(created).toMatchObject({
      ok: true,
      channel: { name: "inc-42", is_private: true, is_member: true },
    });
    expect((await api("conversations.create", { name: "inc-42" })).error).toBe(
      "name_taken",
    );
    expect((await api("conversations.create", { name: "Inc 42!" })).error).toBe(
      "invalid_name_specials",
    );
    expect((await api("conversations.create", { name: "x".repeat(81) })).error)
      .toBe("invalid_name_maxlength");
    expect((await api("conversations.create", { name: "" })).error).toBe(
      "invalid_name_required",
    );
    expect(
      await api("conversations.create", { name: "inc-43" }, w.hostedToken),
    ).toMatchObject({ error: "missing_scope", needed: "channels:manage" });
  });

  it("invites people with Slack's errors", async () => {
    const invite = (users: string) =>
      api("conversations.invite", { channel: w.secretOps, users });
    expect(await invite(w.bob)).toMatchObject({ ok: true });
    expect(sim.workspace.channels.get(w.secretOps)?.members.has(w.bob)).toBe(
      true,
    );
    expect((await invite(w.bob)).error).toBe("already_in_channel");
    expect((await invite(w.bridgeBotUser)).error).toBe("cant_invite_self");
    expect((await invite("U404")).error).toBe("user_not_found");
    expect(
      (await api("conversations.invite", {
        channel: w.general,
        users: w.carol,
      }))
        .error,
    ).toBe("not_in_channel");
  });

  it("joins public channels, warns on a second join, refuses private ones", async () => {
    expect(await api("conversations.join", { channel: w.general }))
      .toMatchObject(
        { ok: true, channel: { is_member: true } },
      );
    expect(await api("conversations.join", { channel: w.general }))
      .toMatchObject(
        { ok: true, warning: "already_in_channel" },
      );
    expect((await api("conversations.join", { channel: w.secretOps })).error)
      .toBe("method_not_supported_for_channel_type");
  });
});

describe("messages", () => {
  it("accepts JSON bodies with real objects and form bodies with JSON text", async () => {
    const blocks = [{
      type: "section",
      text: { type: "mrkdwn", text: "*hi*" },
    }];
    const json = await api(
      "chat.postMessage",
      {
        channel: w.incidents,
        text: "hi",
        blocks,
      },
      w.bridgeToken,
      { encoding: "json" },
    );
    const form = await api("chat.postMessage", {
      channel: w.incidents,
      text: "hi",
      blocks: JSON.stringify(blocks),
    });
    expect(json).toMatchObject({ ok: true, message: { blocks } });
    expect(form).toMatchObject({ ok: true, message: { blocks } });
    expect(Number(form.ts)).toBeGreaterThan(Number(json.ts));
  });

  it("needs text or blocks, truncates long posts and refuses long edits", async () => {
    expect(await api("chat.postMessage", { channel: w.incidents })).toEqual({
      ok: false,
      error: "no_text",
    });
    const long = "a".repeat(40_001);
    const posted = await api("chat.postMessage", {
      channel: w.incidents,
      text: long,
    });
    expect((posted.message as { text: string }).text).toHaveLength(40_000);
    expect(
      await api("chat.update", {
        channel: w.incidents,
        ts: posted.ts,
        text: long,
      }),
    ).toEqual({ ok: false, error: "msg_too_long" });
  });

  it("refuses blocks whose summed text is over Slack's observed limit (msg_blocks_too_long)", async () => {
    // Five sections of 2,700 characters: each within its own 3,000, together 13,500 (bolt-js#2509).
    const blocks = (n: number) =>
      JSON.stringify(
        Array.from({ length: n }, () => ({
          type: "section",
          text: { type: "mrkdwn", text: "b".repeat(2_700) },
        })),
      );
    expect(
      await api("chat.postMessage", {
        channel: w.incidents,
        text: "digest",
        blocks: blocks(5),
      }),
    ).toEqual({ ok: false, error: "msg_blocks_too_long" });
    const posted = await api("chat.postMessage", {
      channel: w.incidents,
      text: "digest",
      blocks: blocks(4),
    });
    expect(posted.ok).toBe(true);
    expect(
      await api("chat.update", {
        channel: w.incidents,
        ts: posted.ts,
        blocks: blocks(5),
      }),
    ).toEqual({ ok: false, error: "msg_too_long" });
  });

  it("edits only the caller's own messages and keeps the edit history", async () => {
    const posted = await api("chat.postMessage", {
      channel: w.incidents,
      text: "triggered",
    });
    const updated = await api("chat.update", {
      channel: w.incidents,
      ts: posted.ts,
      text: "acknowledged",
    });
    expect(updated).toMatchObject({
      ok: true,
      ts: posted.ts,
      text: "acknowledged",
    });
    expect(
      await api("chat.update", {
        channel: w.incidents,
        ts: posted.ts,
        text: "x",
      }, w.aliceToken),
    ).toEqual({ ok: false, error: "cant_update_message" });
    expect(
      await api("chat.update", {
        channel: w.incidents,
        ts: "1.000001",
        text: "x",
      }),
    ).toEqual({ ok: false, error: "message_not_found" });
    const [message] = sim.transcript(w.incidents);
    expect(message?.text).toBe("acknowledged");
    expect(message?.edits.map((e) => e.text)).toEqual(["triggered"]);
  });

  it("deletes own messages and gives permalinks", async () => {
    const posted = await api("chat.postMessage", {
      channel: w.incidents,
      text: "x",
    });
    const link = await api("chat.getPermalink", {
      channel: w.incidents,
      message_ts: posted.ts,
    });
    expect(link.permalink).toBe(
      `https://pagerslack-sim.slack.com/archives/${w.incidents}/p${
        String(posted.ts).replace(".", "")
      }`,
    );
    expect(
      (await api(
        "chat.delete",
        { channel: w.incidents, ts: posted.ts },
        w.aliceToken,
      ))
        .error,
    ).toBe("cant_delete_message");
    expect(await api("chat.delete", { channel: w.incidents, ts: posted.ts }))
      .toMatchObject({ ok: true });
    expect(sim.transcript(w.incidents)).toEqual([]);
    expect(
      (await api("chat.getPermalink", {
        channel: w.incidents,
        message_ts: posted.ts,
      }))
        .error,
    ).toBe("message_not_found");
  });

  it("shows ephemeral messages to one member only", async () => {
    expect(
      await api("chat.postEphemeral", {
        channel: w.incidents,
        user: w.carol,
        text: "psst",
      }),
    ).toEqual({ ok: false, error: "user_not_in_channel" });
    const sent = await api("chat.postEphemeral", {
      channel: w.incidents,
      user: w.bob,
      text: "psst",
    });
    expect(sent).toMatchObject({ ok: true });
    expect(sim.ephemeralMessages({ userId: w.bob })).toMatchObject([
      { text: "psst", channel: w.incidents, ts: sent.message_ts },
    ]);
    expect(sim.transcript(w.incidents)).toEqual([]);
  });
});

describe("metadata and history", () => {
  async function postCards(n: number) {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      clock += 1000;
      const r = await api("chat.postMessage", {
        channel: w.incidents,
        text: `card ${i}`,
        metadata: {
          event_type: "pagerslack_incident_card",
          event_payload: { incident_id: `P${i}` },
        },
      });
      out.push(String(r.ts));
    }
    return out;
  }

  it("returns metadata only with include_all_metadata", async () => {
    await postCards(1);
    const plain = await api("conversations.history", { channel: w.incidents });
    expect((plain.messages as object[])[0]).not.toHaveProperty("metadata");
    const withMeta = await api("conversations.history", {
      channel: w.incidents,
      include_all_metadata: true,
    });
    expect((withMeta.messages as object[])[0]).toMatchObject({
      metadata: {
        event_type: "pagerslack_incident_card",
        event_payload: { incident_id: "P0" },
      },
    });
  });

  it("refuses metadata without event_type and event_payload", async () => {
    expect(
      await api("chat.postMessage", {
        channel: w.incidents,
        text: "x",
        metadata: { event_type: "x" },
      }),
    ).toEqual({ ok: false, error: "invalid_metadata_schema" });
    expect(
      await api("chat.postMessage", {
        channel: w.incidents,
        text: "x",
        metadata: "{",
      }),
    ).toEqual({ ok: false, error: "invalid_metadata_format" });
  });

  it("pages newest first with limit and cursor, and filters by oldest/latest", async () => {
    const ts = await postCards(5);
    const first = await api("conversations.history", {
      channel: w.incidents,
      limit: 2,
    });
    expect((first.messages as { ts: string }[]).map((m) => m.ts)).toEqual([
      ts[4],
      ts[3],
    ]);
    expect(first.has_more).toBe(true);
    const cursor =
      (first.response_metadata as { next_cursor: string }).next_cursor;
    const second = await api("conversations.history", {
      channel: w.incidents,
      limit: 2,
      cursor,
    });
    expect((second.messages as { ts: string }[]).map((m) => m.ts)).toEqual([
      ts[2],
      ts[1],
    ]);
    const window = await api("conversations.history", {
      channel: w.incidents,
      oldest: ts[0],
      latest: ts[3],
    });
    expect((window.messages as { ts: string }[]).map((m) => m.ts)).toEqual([
      ts[2],
      ts[1],
    ]);
    const inclusive = await api("conversations.history", {
      channel: w.incidents,
      oldest: ts[0],
      latest: ts[1],
      inclusive: true,
    });
    expect((inclusive.messages as unknown[]).length).toBe(2);
    expect(
      (await api("conversations.history", {
        channel: w.incidents,
        cursor: "bogus",
      }))
        .error,
    ).toBe("invalid_cursor");
  });
});

describe("threads", () => {
  it("keeps replies in the thread unless broadcast, and counts them on the parent", async () => {
    const parent = await api("chat.postMessage", {
      channel: w.incidents,
      text: "card",
    });
    const quiet = await api("chat.postMessage", {
      channel: w.incidents,
      text: "acknowledged by bob",
      thread_ts: parent.ts,
    });
    expect(quiet).toMatchObject({
      ok: true,
      message: { thread_ts: parent.ts },
    });
    await api("chat.postMessage", {
      channel: w.incidents,
      text: "resolved",
      thread_ts: quiet.ts,
      reply_broadcast: true,
    });
    const history = await api("conversations.history", {
      channel: w.incidents,
    });
    const messages = history.messages as Record<string, unknown>[];
    expect(messages.map((m) => m.text)).toEqual(["resolved", "card"]);
    expect(messages[0]).toMatchObject({ subtype: "thread_broadcast" });
    expect(messages[1]).toMatchObject({
      reply_count: 2,
      reply_users_count: 1,
      thread_ts: parent.ts,
    });
    const replies = await api("conversations.replies", {
      channel: w.incidents,
      ts: parent.ts,
    });
    expect((replies.messages as { text: string }[]).map((m) => m.text)).toEqual(
      [
        "card",
        "acknowledged by bob",
        "resolved",
      ],
    );
    expect(
      (await api("conversations.replies", {
        channel: w.incidents,
        ts: "1.000001",
      }))
        .error,
    ).toBe("thread_not_found");
    const [card] = sim.transcript(w.incidents);
    expect(card?.replies.map((r) => [r.text, r.replyBroadcast])).toEqual([
      ["acknowledged by bob", false],
      ["resolved", true],
    ]);
  });
});

describe("transcript rendering", () => {
  it("turns blocks into readable lines with buttons listed", async () => {
    const { url } = sim.registerLinkTrigger({
      workflow: { definition: { callback_id: "ack_workflow" } },
      inputs: {},
    });
    const blocks = [
      {
        type: "header",
        text: { type: "plain_text", text: "#42 Database down" },
      },
      {
        type: "section",
        text: { type: "mrkdwn", text: "*Status:* triggered" },
        fields: [
          { type: "mrkdwn", text: "*Urgency:* high" },
          { type: "mrkdwn", text: "*Service:* db" },
        ],
      },
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: "opened 2m ago" }],
      },
      {
        type: "actions",
        elements: [
          {
            type: "workflow_button",
            text: { type: "plain_text", text: "Acknowledge" },
            workflow: {
              trigger: { url },
            },
          },
          {
            type: "button",
            text: { type: "plain_text", text: "Resolve" },
            action_id: "resolve",
          },
        ],
      },
    ];
    const posted = await api("chat.postMessage", {
      channel: w.incidents,
      text: "#42 Database down",
      blocks,
    });
    await api("chat.postMessage", {
      channel: w.incidents,
      text: "bob acknowledged",
      thread_ts: posted.ts,
    });
    expect(sim.renderTranscript(w.incidents)).toBe(
      [
        "#incidents",
        "pagerslack:",
        "  # #42 Database down",
        "  *Status:* triggered",
        "  *Urgency:* high | *Service:* db",
        "  opened 2m ago",
        "  [Acknowledge] [Resolve]",
        "  ↳ pagerslack:",
        "  ↳   bob acknowledged",
      ].join("\n"),
    );
  });
});
