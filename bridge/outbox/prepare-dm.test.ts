import { expect, it } from "vitest";
import { FIXTURE_USERS } from "../../shared/incident/fixtures.ts";
import { testDialects } from "../../test/support/test-databases.ts";
import {
  describeOnEachDatabase,
  makeIncidentEvent,
  T0,
} from "../../test/support/sender-harness.ts";
import { capturingLogger } from "../../test/support/bridge-test-support.ts";
import { WORKSPACE_BLOCK_KEY } from "./delivery-blocks.ts";
import {
  readNotificationPreferences,
  saveNotificationPreferences,
} from "../dms/notification-preference-store.ts";

const dialects = await testDialects();
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

describeOnEachDatabase(dialects, "incident DM delivery", (h) => {
  const dmsTo = async (slackUserId: string) =>
    await saveNotificationPreferences(h.database.db, {
      teamId: null,
      slackUserId,
      pagerDutyUserId: FIXTURE_USERS.alice.id,
      mode: "all",
      now: new Date(T0),
    });
  const dmCards = (slackUserId: string) => {
    const im = h.slack.imChannelId(h.botUserId, slackUserId);
    return im
      ? h.slack.transcript(im).filter((m) =>
        m.metadata?.event_type === "pagerduty_incident"
      )
      : [];
  };

  it("opens the IM once, posts the card there and edits it in place, linking the channel card", async () => {
    const alice = h.slack.createUser({ name: "alice" }).id;
    await dmsTo(alice);
    await h.connect({ events: ["incident.acknowledged"] });
    await h.deliver(
      makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
    );
    await h.flush();
    h.clock.ms += 5_000;
    await h.deliver(
      makeIncidentEvent("incident.acknowledged", {
        occurred_at: at(5),
        agent: FIXTURE_USERS.alice,
      }),
    );
    await h.flush();
    const cards = dmCards(alice);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.metadata?.event_payload).toMatchObject({
      status: "acknowledged",
    });
    expect(JSON.stringify(cards[0]!.blocks)).toContain("See it in the channel");
    expect(h.slack.calls({ method: "conversations.open" })).toHaveLength(1);
  });

  it("links the channel card whose connection was saved before auth.test named SLACK_BOT_TOKEN's workspace", async () => {
    // The connection (and so the channel card) carries no team, the person's choice carries the workspace's:
    // the bot-token sender posts both, so they are one workspace.
    const team = h.slack.workspace.teamId;
    const alice = h.slack.createUser({ name: "alice" }).id;
    await saveNotificationPreferences(h.database.db, {
      teamId: team,
      slackUserId: alice,
      pagerDutyUserId: FIXTURE_USERS.alice.id,
      mode: "all",
      now: new Date(T0),
    });
    await h.connect({ events: ["incident.acknowledged"] });
    const sender = h.sender({
      team: () => ({
        teamIds: [team],
        includeUnassigned: true,
        blockKey: WORKSPACE_BLOCK_KEY,
      }),
    });
    await h.deliver(
      makeIncidentEvent("incident.triggered", { occurred_at: at(0) }),
    );
    await h.flush(sender);
    h.clock.ms += 5_000;
    await h.deliver(
      makeIncidentEvent("incident.acknowledged", {
        occurred_at: at(5),
        agent: FIXTURE_USERS.alice,
      }),
    );
    await h.flush(sender);
    const channelCards = await h.database.db.selectFrom("cards")
      .select(["channel_id", "team_id"]).where("channel_id", "=", h.channel)
      .execute();
    expect(channelCards).toEqual([{ channel_id: h.channel, team_id: null }]);
    const cards = dmCards(alice);
    expect(cards).toHaveLength(1);
    expect(JSON.stringify(cards[0]!.blocks)).toContain("See it in the channel");
  });

  it("a deactivated person costs one conversations.open and one warning, then no Slack call at all", async () => {
    const gone = h.slack.createUser({ name: "gone", deleted: true }).id;
    await dmsTo(gone);
    const log = capturingLogger();
    const sender = h.sender({ logger: log.logger });
    for (let n = 0; n < 3; n++) {
      await h.deliver(
        makeIncidentEvent("incident.triggered", {
          id: `evt-trigger-${n}`,
          occurred_at: at(n * 10),
          incident: { id: `PINC${n}` },
        }),
      );
      h.clock.ms += 10_000;
      await h.flush(sender);
    }
    expect(h.slack.calls({ method: "conversations.open" })).toHaveLength(1);
    expect(dmCards(gone)).toEqual([]);
    const warned = log.lines.filter((l) => l.error === "user_disabled");
    expect(warned).toHaveLength(1);
    expect(warned[0]!.msg).toContain("My notifications");
    expect(
      (await readNotificationPreferences(h.database.db, null, gone)).dm_refused,
    ).toBe("user_disabled");
  });
});
