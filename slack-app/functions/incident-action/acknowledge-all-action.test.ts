import { describe, expect, it } from "../../../test/slack-app/bdd.ts";
import {
  type AppHarness,
  LINK_TRIGGER_URL,
} from "../../../test/slack-app/start-app-harness.ts";
import { ephemeralText as seen } from "../../../test/slack-app/ephemeral-text.ts";
import { useAppHarness } from "../../../test/slack-app/use-app-harness.ts";
import { IncidentActionWorkflow } from "../../workflows/incident-action-workflow.ts";
import type { DemoPersona } from "../../../test/simulators/pagerduty/seed-demo-account.ts";
import { parseIncidentIds } from "./acknowledge-all-action.ts";

let h: AppHarness;
useAppHarness((started) => (h = started));

const openIncident = (title: string) =>
  h.pd.triggerIncident({ serviceId: h.demo.services.checkout, title });

/** Clicks a storm digest's "Acknowledge all open" the way its workflow_button does. */
function clickAckAll(persona: DemoPersona, ids: string[]) {
  const messageTs = h.postCard("storm digest");
  return h.run(IncidentActionWorkflow, {
    userId: h.slackUsers[persona],
    messageTs,
    inputs: {
      incident_id: ids.join(","),
      action: "acknowledge_all",
      user_id: "{{data.user_id}}",
      channel_id: "{{data.channel_id}}",
      message_ts: "{{data.message_ts}}",
      interactivity: "{{data.interactivity}}",
    },
  });
}

describe("acknowledge all (storm digest)", () => {
  it("acknowledges every still-triggered incident as the clicking user in one bulk update", async () => {
    h.link("responder");
    const a = openIncident("db-1 disk full");
    const b = openIncident("db-2 disk full");
    const acked = openIncident("db-3 disk full");
    const resolved = openIncident("db-4 disk full");
    h.pd.updateIncident(
      acked.id,
      { status: "acknowledged" },
      h.demo.users.manager.id,
    );
    h.pd.updateIncident(
      resolved.id,
      { status: "resolved" },
      h.demo.users.manager.id,
    );
    h.pd.clearRequests();
    const run = await clickAckAll("responder", [
      a.id,
      b.id,
      acked.id,
      resolved.id,
    ]);
    expect(run.outputs["0"]).toEqual({ outcome: "done" });
    for (const id of [a.id, b.id]) {
      const after = h.pd.incident(id);
      expect(after?.status).toBe("acknowledged");
      expect(after?.acknowledgements.map((x) => x.userId)).toEqual([
        h.demo.users.responder.id,
      ]);
    }
    // Neither reopened nor acknowledged a second time.
    expect(h.pd.incident(resolved.id)?.status).toBe("resolved");
    expect(h.pd.incident(acked.id)?.acknowledgements.map((x) => x.userId))
      .toEqual([h.demo.users.manager.id]);
    const writes = h.pd.requests().filter((r) => r.method === "PUT");
    expect(writes.map((w) => `${w.status} ${w.method} ${w.path}`)).toEqual([
      "200 PUT /incidents",
    ]);
    expect(writes[0]?.headers["from"]).toBe(h.demo.users.responder.email);
    const text = seen(run);
    expect(text).toContain(
      `You acknowledged 2 incidents: <`,
    );
    expect(text).toContain(`#${a.number}>`);
    expect(text).toContain("1 incident already acknowledged");
    expect(text).toContain(
      `1 incident not open, or not visible to you in PagerDuty, nothing changed: ${resolved.id}`,
    );
  });

  it("on a rate limit of the bulk update says so once and does not retry incident by incident", async () => {
    h.link("responder");
    const ids = Array.from(
      { length: 5 },
      (_, i) => openIncident(`db-${20 + i} disk full`).id,
    );
    h.pd.clearRequests();
    h.pd.faults.rateLimitNext(1, {
      resetSeconds: 17,
      match: { method: "PUT", path: "/incidents" },
    });
    const run = await clickAckAll("responder", ids);
    const writes = h.pd.requests().filter((r) => r.method === "PUT");
    expect(writes.map((w) => `${w.status} ${w.path}`)).toEqual([
      "429 /incidents",
    ]);
    expect(seen(run)).toContain("PagerDuty is rate limiting your requests");
    for (const id of ids) expect(h.pd.incident(id)?.status).toBe("triggered");
  });

  it("answers an unlinked user with the link prompt and changes nothing", async () => {
    h.slack.injectFault({
      method: "apps.auth.external.get",
      kind: "error",
      error: "token_not_found",
    });
    const a = openIncident("db-9 disk full");
    const run = await clickAckAll("responder", [a.id]);
    expect(run.outputs["0"]).toEqual({ outcome: "failed" });
    expect(seen(run)).toContain("not linked to PagerDuty");
    expect(seen(run)).toContain(LINK_TRIGGER_URL);
    expect(h.pd.incident(a.id)?.status).toBe("triggered");
  });

  it("reads only well-formed ids from the button", () => {
    expect(parseIncidentIds(" PABC123, PDEF456,,PABC123,<!here>")).toEqual([
      "PABC123",
      "PDEF456",
    ]);
  });
});
