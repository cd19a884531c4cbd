import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../test/support/bridge-test-support.ts";
import { testDialects } from "../../test/support/test-databases.ts";
import { describeOnEachDatabase } from "../../test/support/sender-harness.ts";
import { seedDemoAccount } from "../../test/simulators/pagerduty/seed-demo-account.ts";
import {
  type Rotation,
  seedRotation,
  TURN_MS,
} from "../../test/simulators/pagerduty/seed-rotation.ts";
import {
  type PagerDutySimulator,
  startPagerDutySimulator,
} from "../../test/simulators/pagerduty/start-pagerduty-simulator.ts";
import {
  createUsergroup,
  editUsergroupByHand,
  workspaceUsergroups,
} from "../../test/simulators/slack/usergroups-methods.ts";
import { createPagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import { createSlackClient } from "../slack/slack-client.ts";
import { asOnCallClient } from "../slash/oncall-answer.ts";
import { createSlackMentions } from "../slash/slack-mentions.ts";
import { checkHandoffs } from "./check-handoffs.ts";
import { listOncallGroups, putOncallGroup } from "./oncall-group-store.ts";
import { syncOncallGroup } from "./sync-oncall-group.ts";

const dialects = await testDialects();

describeOnEachDatabase(dialects, "on-call user groups and handoffs", (h) => {
  let pd: PagerDutySimulator;
  let rotation: Rotation;
  let slackIds: Record<string, string>;
  let group: string;
  beforeEach(async () => {
    pd = await startPagerDutySimulator({ now: () => new Date(h.clock.ms) });
    const demo = seedDemoAccount(pd);
    rotation = seedRotation(pd, demo, new Date(h.clock.ms - 3600_000));
    slackIds = {
      first: h.slack.createUser({ name: "rui", email: rotation.first.email })
        .id,
      second: h.slack.createUser({
        name: "rosa",
        email: rotation.second.email,
      }).id,
      other: h.slack.createUser({ name: "zoe", email: "zoe@example.com" }).id,
    };
    group = createUsergroup(h.slack.workspace, {
      handle: "checkout-oncall",
      users: [slackIds.other!],
    }).id;
    await putOncallGroup(h.database.db, "checkout", {
      team_id: null,
      usergroup_id: group,
      source_type: "escalation_policy",
      source_id: rotation.escalationPolicyId,
      escalation_level: 1,
    }, new Date(h.clock.ms));
    pagerDuty = asOnCallClient(createPagerDutyClient({
      apiUrl: pd.url,
      token: demo.apiKey,
    }));
  });
  afterEach(() => pd.close());
  let pagerDuty: ReturnType<typeof asOnCallClient>;

  const slack = () =>
    createSlackClient({ token: h.botToken, slackApiUrl: h.slack.url });
  const deps = () => ({
    db: h.database.db,
    pagerDuty,
    slack: slack(),
    mentions: createSlackMentions({ slack: slack() }),
    logger: silentLogger(),
    now: () => new Date(h.clock.ms),
  });
  const handoffDeps = () => {
    const mentions = createSlackMentions({ slack: slack() });
    return { ...deps(), mentionsFor: () => Promise.resolve(mentions) };
  };
  const sync = async () =>
    syncOncallGroup(deps(), (await listOncallGroups(h.database.db))[0]!);
  const members = () =>
    workspaceUsergroups(h.slack.workspace).get(group)!.users;

  it("takes the group over, follows each shift change, and says when the shift ends", async () => {
    expect(await sync()).toEqual({
      outcome: "updated",
      nextChangeAt: rotation.turnStart(1).toISOString(),
    });
    expect(members()).toEqual([slackIds.first]);
    expect((await sync()).outcome).toBe("in_sync");
    h.clock.ms += TURN_MS;
    expect((await sync()).outcome).toBe("updated");
    expect(members()).toEqual([slackIds.second]);
  });

  it("never overwrites a hand edit, and reports it until the group agrees again", async () => {
    await sync();
    editUsergroupByHand(h.slack.workspace, group, [slackIds.other!], "UADMIN");
    h.clock.ms += TURN_MS;
    expect((await sync()).outcome).toBe("drift");
    expect(members()).toEqual([slackIds.other]);
    const [row] = await listOncallGroups(h.database.db);
    expect(JSON.parse(row!.drift!)).toEqual([slackIds.other]);
    // Someone puts the bridge's members back: the drift is over and the bridge follows the schedule again.
    editUsergroupByHand(h.slack.workspace, group, [slackIds.first!], "UADMIN");
    expect((await sync()).outcome).toBe("updated");
    expect(members()).toEqual([slackIds.second]);
    expect((await listOncallGroups(h.database.db))[0]!.drift).toBeNull();
  });

  it("keeps the last members when nobody on call maps to a Slack user", async () => {
    await sync();
    pd.seed.user({ name: "No Slack", email: "nobody@example.com" });
    const stranger = pd.seed.user({ name: "Stranger", email: "x@example.org" });
    const lonely = pd.seed.schedule({ name: "Lonely", userIds: [stranger.id] });
    const policy = pd.seed.escalationPolicy({
      name: "Lonely policy",
      levels: [{ targets: [{ type: "schedule", id: lonely.id }] }],
    });
    await h.database.db.updateTable("oncall_groups")
      .set({ source_id: policy.id }).execute();
    expect((await sync()).outcome).toBe("kept_last_members");
    expect(members()).toEqual([slackIds.first]);
    expect((await listOncallGroups(h.database.db))[0]!.problem)
      .toMatch(/kept the last members/);
  });

  it("records a problem Slack states, and reads nothing it was not asked", async () => {
    await h.database.db.updateTable("oncall_groups")
      .set({ usergroup_id: "S0GONE" }).execute();
    expect((await sync()).outcome).toBe("problem");
    expect((await listOncallGroups(h.database.db))[0]!.problem)
      .toMatch(/^no_such_subteam: /);
  });

  describe("handoffs", () => {
    const connect = () =>
      h.connect({
        id: "checkout-channel",
        source_id: rotation.serviceId,
        handoffs: true,
      });
    const handoffs = () =>
      h.cards().filter((m) => m.text.includes("Now on call"));

    it("posts one message per shift change, naming who comes on call and who leaves", async () => {
      await connect();
      expect((await checkHandoffs(handoffDeps())).posted).toBe(0); // the first look only records
      expect((await checkHandoffs(handoffDeps())).posted).toBe(0);
      h.clock.ms += TURN_MS;
      expect((await checkHandoffs(handoffDeps())).posted).toBe(1);
      expect((await checkHandoffs(handoffDeps())).posted).toBe(0);
      await h.flush();
      const posted = handoffs();
      expect(posted).toHaveLength(1);
      const raw = h.slack.calls({ method: "chat.postMessage" }).at(-1)!;
      const blocks = JSON.stringify(raw.args.blocks);
      expect(blocks).toContain(`<@${slackIds.second}>`);
      // The one going off call is named, not mentioned; nobody else is pinged.
      expect(blocks).toContain("(was Rui Responder)");
      expect(blocks).not.toContain(`<@${slackIds.first}>`);
      expect(blocks).not.toMatch(/<!here|<!channel/);
      expect(blocks).toContain(
        `<!date^${Math.floor(rotation.turnStart(2).getTime() / 1000)}^`,
      );
    });

    it("posts once when two replicas look at the same change", async () => {
      await connect();
      await checkHandoffs(handoffDeps());
      h.clock.ms += TURN_MS;
      const both = await Promise.all([
        checkHandoffs(handoffDeps()),
        checkHandoffs(handoffDeps()),
      ]);
      expect(both.reduce((n, r) => n + r.posted, 0)).toBe(1);
      await h.flush();
      expect(handoffs()).toHaveLength(1);
    });

    it("does not post again when an earlier attempt reached Slack before a crash", async () => {
      await connect();
      await checkHandoffs(handoffDeps());
      h.clock.ms += TURN_MS;
      await checkHandoffs(handoffDeps());
      await h.flush();
      // As if the process died after Slack's answer: the job is pending again with its attempt counted.
      await h.database.db.updateTable("outbox").set({ status: "pending" })
        .where("kind", "=", "handoff").execute();
      h.clock.ms += 5_000;
      await h.flush();
      expect(handoffs()).toHaveLength(1);
    });
  });
});
