// The demo page's HTML: what a person sees of Block Kit and mrkdwn, and that no message text becomes markup.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  blocksToHtml,
  formatSlackDate,
  type HtmlContext,
  mrkdwnToHtml,
  renderDemoPage,
} from "./render-html.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";

const ctx: HtmlContext = {
  userName: (id) => ({ U1: "Rui Responder" })[id],
  channelName: (id) => ({ C1: "inc-checkout" })[id],
  now: Date.UTC(2026, 11, 2, 20, 0, 0),
};
const plain = (text: string) => ({ type: "plain_text", text });

describe("mrkdwnToHtml", () => {
  it("formats bold, italic, strike, code, quotes and line breaks", () => {
    expect(mrkdwnToHtml("*Status:* _acked_ ~old~ `x<y`", ctx)).toBe(
      "<strong>Status:</strong> <em>acked</em> <del>old</del> <code>x&lt;y</code>",
    );
    expect(mrkdwnToHtml("a\n&gt; quoted", ctx)).toBe(
      "a<br><blockquote>quoted</blockquote>",
    );
    expect(mrkdwnToHtml("snake_case_name and 2*3*4", ctx)).toBe(
      "snake_case_name and 2*3*4",
    );
  });

  it("renders links, mentions by name, special mentions and emoji", () => {
    expect(
      mrkdwnToHtml("*<https://pd.example/i/1|#1 Checkout>* by <@U1>", ctx),
    ).toBe(
      '<strong><a href="https://pd.example/i/1" target="_blank" rel="noopener noreferrer">#1 Checkout</a></strong> by <span class="mention user">@Rui Responder</span>',
    );
    expect(mrkdwnToHtml("<#C1> <@U9> <!here> :red_circle:", ctx)).toBe(
      '<span class="mention channel">#inc-checkout</span> <span class="mention user">@U9</span> <span class="mention special">@here</span> 🔴',
    );
  });

  it("never makes a live link of javascript: and escapes everything", () => {
    const html = mrkdwnToHtml(
      '<javascript:alert(1)|click> <img src=x onerror=alert(1)> "q" &lt;b&gt;',
      ctx,
    );
    expect(html).not.toContain("<a");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(html).toContain("click");
    expect(html).toContain("&quot;q&quot; &lt;b&gt;");
  });

  it("shows <!date^…> formatted (UTC) and keeps the fallback as its title", () => {
    const at = Date.UTC(2026, 11, 2, 19, 31, 5) / 1000;
    expect(
      mrkdwnToHtml(
        `<!date^${at}^{date_short_pretty} at {time}|2026-12-02 19:31 UTC>`,
        ctx,
      ),
    ).toBe(
      '<time datetime="2026-12-02T19:31:05.000Z" title="2026-12-02 19:31 UTC">Today at 7:31 PM</time>',
    );
    expect(formatSlackDate(at, "{date_num} {time_secs} · {ago}", ctx.now)).toBe(
      "2026-12-02 7:31:05 PM · 28 minutes ago",
    );
    expect(formatSlackDate(at - 86400 * 3, "{date_long}", ctx.now)).toBe(
      "Sunday, November 29th, 2026",
    );
  });
});

describe("blocksToHtml", () => {
  it("draws every block kind, with styled buttons and any unknown block labelled", () => {
    const html = blocksToHtml([
      { type: "header", text: plain(":rotating_light: Disk full") },
      {
        type: "section",
        text: { type: "mrkdwn", text: "*Service:* db" },
        fields: [{ type: "mrkdwn", text: "*Urgency*\nhigh" }],
        accessory: { type: "button", text: plain("Open"), url: "https://x" },
      },
      { type: "divider" },
      {
        type: "context",
        elements: [{
          type: "image",
          image_url: "https://x/a.png",
          alt_text: "PD",
        }, {
          type: "mrkdwn",
          text: "db-service",
        }],
      },
      {
        type: "actions",
        elements: [
          {
            type: "workflow_button",
            text: plain("Acknowledge"),
            style: "primary",
          },
          { type: "button", text: plain("Resolve"), style: "danger" },
        ],
      },
      {
        type: "image",
        image_url: "https://x/graph.png",
        alt_text: "error graph",
      },
      { type: "video", title: plain("x") },
    ], ctx);
    expect(html).toContain('<div class="b-header">🚨 Disk full</div>');
    expect(html).toContain(
      '<div class="s-field"><strong>Urgency</strong><br>high</div>',
    );
    expect(html).toContain('<button type="button" class="btn">Open</button>');
    expect(html).toContain('<hr class="b-divider">');
    expect(html).toContain('class="btn primary workflow"');
    expect(html).toContain(
      '<button type="button" class="btn danger">Resolve</button>',
    );
    expect(html).toContain("🖼 error graph");
    expect(html).not.toContain("<img");
    expect(html).toContain("[video block]");
  });

  it("escapes a hostile header and field (no tag, no attribute break-out)", () => {
    const html = blocksToHtml([
      { type: "header", text: plain('<script>alert("x")</script>') },
      {
        type: "section",
        fields: [{
          type: "plain_text",
          text: '"><img src=x onerror=alert(1)>',
        }],
      },
    ], ctx);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });
});

describe("the simulator's demo page", () => {
  let sim: SlackSimulator;
  let token: string;
  let channel: string;
  let person: string;
  beforeEach(async () => {
    sim = await startSlackSimulator();
    person = sim.createUser({ name: "Nina <b>Newcomer</b>" }).id;
    channel = sim.createChannel({ name: "inc-checkout", members: [person] }).id;
    const t = sim.createToken({
      kind: "bot",
      appId: "A0DEMO0001",
      scopes: ["chat:write"],
      botName: "pagerslack",
    });
    sim.workspace.channels.get(channel)!.members.add(t.userId);
    token = t.token;
  });
  afterEach(() => sim.close());

  it("shows messages in order, edits counted, threads and ephemeral messages marked", () => {
    const post = sim.call("chat.postMessage", {
      channel,
      text: "card",
      blocks: [{
        type: "header",
        text: plain("</title><script>alert(1)</script>"),
      }],
    }, token) as { ts: string };
    sim.call("chat.update", {
      channel,
      ts: post.ts,
      text: "card v2",
      blocks: [{ type: "header", text: plain("v2") }],
    }, token);
    sim.call("chat.update", {
      channel,
      ts: post.ts,
      text: "card v3",
      blocks: [{ type: "header", text: plain("v3") }],
    }, token);
    sim.call("chat.postMessage", {
      channel,
      thread_ts: post.ts,
      text: "Acknowledged by *Rui*",
    }, token);
    sim.call("chat.postEphemeral", {
      channel,
      user: person,
      thread_ts: post.ts,
      text: "Connect PagerDuty first",
    }, token);

    const page = renderDemoPage(sim.workspace);
    expect(page).not.toContain("<script>alert");
    expect(page).toContain('<div class="b-header">v3</div>');
    expect(page).toContain("(edited ×2)");
    expect(page).toContain('title="edited 2 times"');
    expect(page).toContain("Acknowledged by <strong>Rui</strong>");
    expect(page).toContain("2 replies");
    expect(page).toContain("Only visible to you");
    expect(page).toContain("(Nina &lt;b&gt;Newcomer&lt;/b&gt;)");
    expect(page.indexOf("v3")).toBeLessThan(page.indexOf("Acknowledged by"));
    expect(page.indexOf("Acknowledged by")).toBeLessThan(
      page.indexOf("Connect PagerDuty first"),
    );
  });

  it("serves GET /demo and a live endpoint that answers 204 until something changes", async () => {
    const page = await fetch(sim.demoPageUrl);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('data-live="/demo/live"');
    expect(html).not.toMatch(
      /<(link|img|script) [^>]*src=|https?:\/\/[^"]*\.(js|css)/,
    );
    const version = html.match(/data-version="([0-9a-f]+)"/)![1]!;
    const live = new URL("/demo/live", sim.demoPageUrl);
    expect((await fetch(`${live}?since=${version}`)).status).toBe(204);
    sim.call("chat.postMessage", { channel, text: "Disk full on db-1" }, token);
    const changed = await fetch(`${live}?since=${version}`);
    expect(changed.status).toBe(200);
    const body = await changed.json() as { version: string; html: string };
    expect(body.version).not.toBe(version);
    expect(body.html).toContain("Disk full on db-1");
  });
});
