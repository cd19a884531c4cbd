// Issue 19 item 1: an incident opened by a monitoring tool through PagerDuty's Events API v2 shows the tool's
// context on its card in Slack — severity, source, component, custom details and links — fetched by the bridge
// process from the incident's first alert with its PagerDuty key, once.
import { describe, expect, it } from "vitest";
import { listMessageControls } from "../mrkdwn/list-mrkdwn-controls.ts";
import { validateBlocks } from "../simulators/slack/validate-blocks.ts";
import type { Stack } from "./start-stack.ts";
import { useStack } from "./use-stack.ts";
import { waitFor } from "./wait-for.ts";

let s: Stack;
useStack((started) => (s = started));

async function enqueue(body: unknown) {
  const response = await fetch(`${s.pd.url}/v2/enqueue`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
}

describe("the monitoring tool's context on the card", () => {
  it("an Events API v2 alert with custom details and links shows them on the card in every connected channel", async () => {
    await enqueue({
      routing_key: s.demo.routingKeys.checkout,
      event_action: "trigger",
      dedup_key: "checkout/db-disk",
      client: "Grafana",
      client_url: "https://grafana.example.com",
      payload: {
        summary: "Disk 97% full on db-checkout-1",
        source: "db-checkout-1.prod.example.com",
        severity: "warning",
        component: "postgres",
        group: "checkout-db",
        class: "disk",
        custom_details: {
          "free space": "3%",
          volume: "/var/lib/postgresql",
          "ignored nested": { a: 1, b: 2 },
          note: "<!here> call <https://evil.example|the boss>",
        },
      },
      links: [
        { href: "https://grafana.example.com/d/disk", text: "Disk dashboard" },
        { href: "https://wiki.example.com/runbooks/disk", text: "Runbook" },
      ],
      images: [{
        src: "https://grafana.example.com/render/disk.png",
        alt: "Disk usage graph",
      }],
    });
    const incident = await waitFor(
      () => s.pd.incidents().find((i) => i.incidentKey === "checkout/db-disk"),
      { what: "the incident opened by the event" },
    );

    for (const channel of [s.channels.responders, s.channels.stakeholders]) {
      const card = await s.waitForCard(
        channel,
        incident.id,
        (c) => s.cardText(c).includes("Component: postgres"),
      );
      const text = s.cardText(card);
      expect(text).toContain(
        `#${incident.number} Disk 97% full on db-checkout-1`,
      );
      expect(text).toContain("Warning");
      expect(text).toContain("Source: db-checkout-1.prod.example.com");
      expect(text).toContain("free space: 3%");
      expect(text).toContain("volume: /var/lib/postgresql");
      expect(text).toContain("ignored nested: {2 fields}");
      // The summary is the title: not repeated.
      expect(text).not.toContain("“Disk 97% full");
      // Hostile detail text stays text; the links are the alert's, runbook first.
      expect(text).toContain(
        "note: <!here> call <https://evil.example|the boss>",
      );
      const links = listMessageControls(card).filter((c) => c.kind === "link")
        .map((c) => c.kind === "link" ? c.label : "");
      expect(links.slice(-3)).toEqual([
        "Runbook",
        "Disk dashboard",
        "Disk usage graph",
      ]);
      const controls = listMessageControls(card);
      expect(controls.filter((c) => c.kind === "special")).toEqual([]);
      expect(JSON.stringify(controls)).not.toContain("evil.example");
      expect(validateBlocks(card.blocks)).toEqual({ ok: true });
    }
    await s.waitForQuiet();
    // Fetched once for both channels, with the bridge's key.
    const fetches = s.pd.requests().filter((r) =>
      r.path === `/incidents/${incident.id}/alerts`
    );
    expect(fetches).toHaveLength(1);
    expect(fetches[0]?.status).toBe(200);
  });

  it("an incident opened by hand (no alert) keeps the plain card", async () => {
    const incident = s.pd.triggerIncident({
      serviceId: s.demo.services.checkout,
      title: "Manual page",
    });
    const card = await s.waitForCard(s.channels.responders, incident.id);
    await s.waitForQuiet();
    const blockIds = (card.blocks ?? []).map((b) =>
      (b as { block_id?: string }).block_id
    );
    expect(blockIds).not.toContain("pagerslack_alert_context");
    expect(
      s.slack.calls({ method: "chat.update" }).filter((c) =>
        JSON.stringify(c.args).includes(incident.id)
      ),
    ).toEqual([]);
  });

  // Issue 19 item 2's alert count: PagerDuty groups alerts into an open incident (time-based grouping here) and
  // no webhook says so; the REST incident's alert_counts does, and the card's next edit shows it.
  it("an incident grouping several alerts counts them on the card's next edit", async () => {
    const trigger = (dedupKey: string, summary: string) =>
      enqueue({
        routing_key: s.demo.routingKeys.checkout,
        event_action: "trigger",
        dedup_key: dedupKey,
        payload: {
          summary,
          source: "orders-1.prod.example.com",
          severity: "error",
        },
      });
    // The first test's incident resolved, so the grouping below starts a fresh incident.
    await enqueue({
      routing_key: s.demo.routingKeys.checkout,
      event_action: "resolve",
      dedup_key: "checkout/db-disk",
    });
    s.pd.seed.alertGrouping(s.demo.services.checkout, {
      type: "time",
      timeoutMinutes: 0,
    });
    try {
      await trigger("checkout/queue-1", "Order queue backlog above 10k");
      const incident = await waitFor(
        () =>
          s.pd.incidents().find((i) => i.incidentKey === "checkout/queue-1"),
        { what: "the incident opened by the first alert" },
      );
      const first = await s.waitForCard(s.channels.responders, incident.id);
      expect(s.cardText(first)).not.toContain("Alerts:");
      await trigger("checkout/queue-2", "Order workers failing health checks");
      await trigger("checkout/queue-3", "Payment callbacks timing out");
      await enqueue({
        routing_key: s.demo.routingKeys.checkout,
        event_action: "resolve",
        dedup_key: "checkout/queue-2",
      });
      expect(
        s.pd.incidents().filter((i) =>
          i.serviceId === s.demo.services.checkout && i.status !== "resolved"
        ).map((i) => i.id),
      ).toContain(incident.id);
      // The next change PagerDuty sends a webhook for: an acknowledgement.
      s.pd.updateIncident(
        incident.id,
        { status: "acknowledged" },
        s.demo.users.responder.id,
      );
      const card = await s.waitForCard(
        s.channels.responders,
        incident.id,
        (_, text) => text.includes("Alerts: 3 alerts (2 triggered)"),
      );
      // Still the first alert's context: the incident keeps the title it opened with.
      expect(s.cardText(card)).toContain("Order queue backlog above 10k");
      expect(validateBlocks(card.blocks)).toEqual({ ok: true });
    } finally {
      s.pd.seed.alertGrouping(s.demo.services.checkout, null);
    }
  });
});
