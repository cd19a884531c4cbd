// Incident channels and refresh through the bridge API, with the Slack simulator behind the bridge.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type Harness,
  makeIncidentEvent,
  startHarness,
  T0,
} from "../../test/support/sender-harness.ts";
import { createBridgeApp } from "../server.ts";
import { createSlackClient } from "../slack/slack-client.ts";
import {
  jsonOf,
  silentLogger,
  TEST_API_TOKEN,
  TEST_SECRETS,
} from "../../test/support/bridge-test-support.ts";

let h: Harness;
let app: ReturnType<typeof createBridgeApp>;

beforeEach(async () => {
  h = await startHarness("sqlite");
  app = createBridgeApp({
    db: h.database.db,
    isReady: h.database.isReady,
    slack: createSlackClient({ token: h.botToken, slackApiUrl: h.slack.url }),
    metrics: h.metrics,
    logger: silentLogger(),
    webhookSecrets: TEST_SECRETS,
    apiTokens: [TEST_API_TOKEN],
    now: () => new Date(h.clock.ms),
  });
});
afterEach(() => h.close());

const api = (path: string, json?: unknown) =>
  app.request(path, {
    method: "POST",
    body: JSON.stringify(json ?? {}),
    headers: {
      Authorization: `Bearer ${TEST_API_TOKEN}`,
      "Content-Type": "application/json",
    },
  });

const at = (s: number) => new Date(T0 + s * 1000).toISOString();

describe("POST /api/v1/incidents/{id}/channels", () => {
  it("creates a private channel, invites responders, posts the card there and keeps it in sync", async () => {
    const alice = h.slack.createUser({ name: "alice" }).id;
    const bob = h.slack.createUser({ name: "bob" }).id;
    await h.deliver(
      makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
    );

    const response = await api("/api/v1/incidents/PINC001/channels", {
      create: { private: true },
      invite_user_ids: [alice, bob],
    });
    expect(response.status).toBe(201);
    const { channel_id } = await jsonOf(response);
    const created = h.slack.calls({ method: "conversations.create" })[0]!;
    // WebClient sends form fields: booleans arrive as strings.
    expect(String(created.args.is_private)).toBe("true");
    expect(String(created.args.name)).toMatch(/^inc-1042-/);
    expect(h.slack.calls({ method: "conversations.invite" })[0]!.args)
      .toMatchObject({
        channel: channel_id,
        users: `${alice},${bob}`,
      });

    await h.flush();
    expect(h.slack.transcript(channel_id)).toHaveLength(1);
    expect(h.slack.transcript(channel_id)[0]!.metadata?.event_payload)
      .toMatchObject({ incident_id: "PINC001" });

    h.clock.ms += 5000;
    await h.deliver(
      makeIncidentEvent("incident.annotated", {
        occurred_at: at(4),
        note: { content: "Looking at the DB" },
      }),
      makeIncidentEvent("incident.resolved", { occurred_at: at(5) }),
    );
    await h.flush();
    const messages = h.slack.transcript(channel_id);
    // The card (edited to resolved) plus the note and the resolution as channel messages.
    expect(messages[0]!.metadata?.event_payload).toMatchObject({
      status: "resolved",
    });
    expect(messages.slice(1).map((m) => m.text).join("\n")).toContain(
      "Looking at the DB",
    );
    expect(messages).toHaveLength(3);
  });

  it("attaches an existing channel; the card follows once the incident is known", async () => {
    const channel =
      h.slack.createChannel({ name: "war-room", members: [h.botUserId] }).id;
    const response = await api("/api/v1/incidents/PINC001/channels", {
      channel_id: channel,
    });
    expect(response.status).toBe(201);
    expect(await jsonOf(response)).toEqual({ channel_id: channel });
    await h.flush();
    expect(h.slack.transcript(channel)).toHaveLength(0);
    await h.deliver(
      makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
    );
    await h.flush();
    expect(h.slack.transcript(channel)).toHaveLength(1);
  });

  it("502 with Slack's reason when the channel cannot be created", async () => {
    h.slack.createChannel({ name: "taken", members: [h.botUserId] });
    const response = await api("/api/v1/incidents/PINC001/channels", {
      create: { name: "taken", private: false },
    });
    expect(response.status).toBe(502);
    expect((await jsonOf(response)).error).toContain("name_taken");
  });
});

describe("POST /api/v1/incidents/{id}/refresh", () => {
  it("re-renders every card of the incident", async () => {
    await h.connect({});
    await h.deliver(
      makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
    );
    await h.flush();
    const response = await api("/api/v1/incidents/PINC001/refresh");
    expect(response.status).toBe(202);
    expect(await jsonOf(response)).toEqual({ cards: 1 });
    await h.flush();
    expect(h.slack.calls({ method: "chat.update" })).toHaveLength(1);
    expect(h.slack.transcript(h.channel)).toHaveLength(1);
  });

  it("202 with no cards for an unknown incident", async () => {
    const response = await api("/api/v1/incidents/PUNKNOWN/refresh");
    expect(response.status).toBe(202);
    expect(await jsonOf(response)).toEqual({ cards: 0 });
  });
});
