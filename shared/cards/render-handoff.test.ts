import { describe, expect, it } from "vitest";
import { HANDOFF_MAX_INCIDENTS, renderHandoff } from "./render-handoff.ts";

const incident = (n: number) => ({
  number: n,
  title: `Incident ${n}`,
  status: "triggered",
  html_url: `https://acme.pagerduty.com/incidents/P${n}`,
});

describe("renderHandoff", () => {
  it("mentions who comes on call, names who leaves, and dates the end in the reader's zone", () => {
    const { text, blocks } = renderHandoff({
      serviceName: "Checkout",
      incoming: [{ name: "Bob", slackId: "U0BOB" }],
      outgoing: [{ name: "Alice", slackId: "U0ALICE" }],
      until: "2026-12-04T09:00:00.000Z",
      openIncidents: [incident(7)],
    });
    const shown = JSON.stringify(blocks);
    expect(shown).toContain(
      "Now on call for *Checkout*: <@U0BOB> until <!date^1796374800^",
    );
    expect(shown).toContain("(was Alice)");
    expect(shown).not.toContain("U0ALICE");
    expect(shown).toContain(
      "<https://acme.pagerduty.com/incidents/P7|#7 Incident 7>",
    );
    // The notification text names people without Slack syntax.
    expect(text).toBe("Now on call for Checkout: Bob");
  });

  it("cannot be made to ping a channel by a name, and counts what it does not list", () => {
    const { text, blocks } = renderHandoff({
      serviceName: "<!here> Checkout",
      incoming: [{ name: "<!channel>", slackId: null }],
      outgoing: [],
      until: null,
      openIncidents: Array.from(
        { length: HANDOFF_MAX_INCIDENTS + 3 },
        (_, i) => incident(i + 1),
      ),
    });
    const shown = JSON.stringify(blocks);
    expect(shown).not.toMatch(/<!here>|<!channel>/);
    expect(text).not.toMatch(/<!here>|<!channel>/);
    expect(shown).toContain("…and 3 more");
    expect(shown).toContain(`(${HANDOFF_MAX_INCIDENTS + 3})`);
  });

  it("says when nobody is on call and nothing is open", () => {
    const { blocks } = renderHandoff({
      serviceName: "Checkout",
      incoming: [],
      outgoing: [{ name: "Alice", slackId: null }],
      until: null,
      openIncidents: [],
    });
    const shown = JSON.stringify(blocks);
    expect(shown).toContain("Checkout*: nobody (was Alice)");
    expect(shown).toContain("No open incidents on this service.");
  });
});
