// The simulated workspace as a web page that looks like the Slack client: every channel with its messages in
// order (bot name, time, "(edited)"), Block Kit drawn the way Slack draws it (header, section text + fields +
// accessory, context, actions with buttons, divider, image, rich text), mrkdwn formatted, threads indented under
// their parent and ephemeral messages marked "Only visible to you". It renders any Block Kit, not just today's
// card layout: unknown blocks and elements show as a labelled placeholder instead of vanishing.
// Self-contained: inline CSS and script, no external assets (images show their alt text, not the remote file),
// and every piece of message text is HTML-escaped — what a message says must never become markup on the page.
// Formatting rules: docs.slack.dev/messaging/formatting-message-text (mrkdwn, `<…>` entities, date tokens).
import { createHash } from "node:crypto";
import { replaceEmojiShortcodes } from "./emoji-shortcodes.ts";
import { transcript, type TranscriptMessage } from "./render-transcript.ts";
import type { SlackWorkspace } from "./slack-workspace.ts";

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : {};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[
        c
      ]!,
  );
}

/** Slack escapes `&`, `<` and `>` in message text; a reader sees the characters. */
function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(
    /&amp;/g,
    "&",
  );
}

/** What the renderer needs to know about the workspace: names for mentions, and "now" for `{ago}` and "Today". */
export interface HtmlContext {
  userName(id: string): string | undefined;
  channelName(id: string): string | undefined;
  /** ms since the epoch (the simulator's clock). */
  now: number;
}

export function workspaceContext(ws: SlackWorkspace): HtmlContext {
  return {
    userName: (id) => ws.users.get(id)?.name,
    channelName: (id) => ws.channels.get(id)?.name,
    now: ws.now(),
  };
}

const SAFE_URL = /^(https?:|mailto:)/i;

function link(url: string, label: string): string {
  // A link to anything but the web or mail (javascript:, data:) shows as its text only, never as a live href.
  return SAFE_URL.test(url)
    ? `<a href="${
      escapeHtml(url)
    }" target="_blank" rel="noopener noreferrer">${label}</a>`
    : label;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
];
const ordinal = (n: number) => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${
    ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th"
  }`;
};
const pad = (n: number) => String(n).padStart(2, "0");

function clock(d: Date, secs: boolean): string {
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}:${pad(d.getUTCMinutes())}${
    secs ? `:${pad(d.getUTCSeconds())}` : ""
  } ${h < 12 ? "AM" : "PM"}`;
}

function ago(seconds: number): string {
  const units: [number, string][] = [
    [86400 * 365, "year"],
    [86400 * 30, "month"],
    [86400, "day"],
    [3600, "hour"],
    [60, "minute"],
  ];
  const past = seconds >= 0;
  const abs = Math.abs(seconds);
  for (const [size, name] of units) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      const phrase = `${n} ${name}${n === 1 ? "" : "s"}`;
      return past ? `${phrase} ago` : `in ${phrase}`;
    }
  }
  return "just now";
}

/**
 * A `<!date^…>` token as a Slack client shows it; the page shows times in UTC (it has no reader's time zone)
 * and says so in its header.
 */
export function formatSlackDate(
  epochSeconds: number,
  format: string,
  now: number,
): string {
  const d = new Date(epochSeconds * 1000);
  const dayIndex = (t: Date) => Math.floor(t.getTime() / 86_400_000);
  const delta = dayIndex(d) - dayIndex(new Date(now));
  const relative = delta === 0
    ? "Today"
    : delta === -1
    ? "Yesterday"
    : delta === 1
    ? "Tomorrow"
    : undefined;
  const month = MONTHS[d.getUTCMonth()]!;
  const day = d.getUTCDate();
  const year = d.getUTCFullYear();
  const weekday = DAYS[d.getUTCDay()]!;
  const date = `${month} ${ordinal(day)}, ${year}`;
  const short = `${month.slice(0, 3)} ${day}, ${year}`;
  const long = `${weekday}, ${date}`;
  const tokens: Record<string, string> = {
    date_num: `${year}-${pad(d.getUTCMonth() + 1)}-${pad(day)}`,
    date_slash: `${pad(d.getUTCMonth() + 1)}/${pad(day)}/${year}`,
    date,
    date_short: short,
    date_long: long,
    date_long_full: long,
    date_pretty: relative ?? date,
    date_short_pretty: relative ?? short,
    date_long_pretty: relative ?? long,
    day_divider_pretty: relative ?? `${weekday}, ${month} ${ordinal(day)}`,
    time: clock(d, false),
    time_secs: clock(d, true),
    ago: ago(Math.round((now - d.getTime()) / 1000)),
  };
  return format.replace(
    /\{([a-z_]+)\}/g,
    (whole, token: string) => tokens[token] ?? whole,
  );
}

/** One `<…>` entity: a link, a mention, a special mention or a date. Returns HTML. */
function entityHtml(inner: string, ctx: HtmlContext): string {
  const bar = inner.indexOf("|");
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1
    ? undefined
    : decodeSlackEntities(inner.slice(bar + 1));
  const mention = (text: string, kind: string) =>
    `<span class="mention ${kind}">${escapeHtml(text)}</span>`;
  if (target.startsWith("@")) {
    const id = target.slice(1);
    return mention(`@${ctx.userName(id) ?? label ?? id}`, "user");
  }
  if (target.startsWith("#")) {
    const id = target.slice(1);
    return mention(`#${ctx.channelName(id) ?? label ?? id}`, "channel");
  }
  if (target.startsWith("!date^")) {
    const [, epoch = "", format = "", url] = target.split("^");
    const seconds = Number(epoch);
    const text = Number.isFinite(seconds) && epoch !== ""
      ? formatSlackDate(seconds, decodeSlackEntities(format), ctx.now)
      : label ?? "";
    const iso = Number.isFinite(seconds) && epoch !== ""
      ? new Date(seconds * 1000).toISOString()
      : "";
    const html = `<time datetime="${escapeHtml(iso)}" title="${
      escapeHtml(label ?? iso)
    }">${escapeHtml(text)}</time>`;
    return url ? link(decodeSlackEntities(url), html) : html;
  }
  if (target.startsWith("!subteam^")) {
    return mention(label ?? "@team", "group");
  }
  if (target.startsWith("!")) {
    const name = target.slice(1).split("^")[0]!;
    return mention(label ?? `@${name}`, "special");
  }
  const url = decodeSlackEntities(target);
  return link(url, escapeHtml(label ?? url));
}

const HOLE = "\u0000";

/** Slack mrkdwn → HTML: *bold*, _italic_, ~strike~, `code`, ```blocks```, > quotes, entities, emoji. */
export function mrkdwnToHtml(text: string, ctx: HtmlContext): string {
  // Pieces that must not be formatted (code, entities) go into numbered holes first and come back at the end.
  const holes: string[] = [];
  const hole = (html: string) => `${HOLE}${holes.push(html) - 1}${HOLE}`;
  let s = text.replaceAll(HOLE, "");
  s = s.replace(
    /```([\s\S]*?)```/g,
    (_, code: string) =>
      hole(
        `<pre>${
          escapeHtml(decodeSlackEntities(code.replace(/^\n/, "")))
        }</pre>`,
      ),
  );
  s = s.replace(
    /`([^`\n]+)`/g,
    (_, code: string) =>
      hole(`<code>${escapeHtml(decodeSlackEntities(code))}</code>`),
  );
  s = s.replace(
    /<([^<>\n]+)>/g,
    (_, inner: string) => hole(entityHtml(inner, ctx)),
  );
  s = escapeHtml(replaceEmojiShortcodes(decodeSlackEntities(s)));
  // Slack only formats at word boundaries: `a*b*c` stays as typed.
  const around = (mark: string, tag: string) => {
    const m = mark === "*" ? "\\*" : mark;
    s = s.replace(
      new RegExp(
        `(^|[\\s(>${HOLE}])${m}(?=\\S)([^${m}\\n]*?\\S)${m}(?=$|[\\s).,;:!?${HOLE}<])`,
        "gm",
      ),
      (_, lead: string, inner: string) => `${lead}<${tag}>${inner}</${tag}>`,
    );
  };
  around("*", "strong");
  around("_", "em");
  around("~", "del");
  s = s.split("\n").map((line) =>
    line.startsWith("&gt; ")
      ? `<blockquote>${line.slice(5)}</blockquote>`
      : line
  ).join("\n").replace(/<\/blockquote>\n<blockquote>/g, "<br>");
  s = s.replace(/\n/g, "<br>");
  return s.replace(
    new RegExp(`${HOLE}(\\d+)${HOLE}`, "g"),
    (_, i: string) => holes[Number(i)] ?? "",
  );
}

/** A text object (plain_text or mrkdwn) as HTML. */
export function textHtml(t: unknown, ctx: HtmlContext): string {
  const o = obj(t);
  const text = str(o.text);
  if (o.type === "mrkdwn" && o.verbatim !== true) {
    return mrkdwnToHtml(text, ctx);
  }
  if (o.type === "mrkdwn") return escapeHtml(text).replace(/\n/g, "<br>");
  // plain_text: Slack turns :codes: into emoji unless emoji is false.
  const shown = o.emoji === false ? text : replaceEmojiShortcodes(text);
  return escapeHtml(shown).replace(/\n/g, "<br>");
}

function buttonHtml(e: Json, ctx: HtmlContext): string {
  const style = e.style === "primary" || e.style === "danger"
    ? ` ${e.style}`
    : "";
  const kind = e.type === "workflow_button" ? " workflow" : "";
  const title = e.type === "workflow_button"
    ? ' title="Starts a workflow"'
    : "";
  return `<button type="button" class="btn${style}${kind}"${title}>${
    textHtml(e.text, ctx)
  }</button>`;
}

function elementHtml(el: unknown, ctx: HtmlContext): string {
  const e = obj(el);
  switch (e.type) {
    case "button":
    case "workflow_button":
      return buttonHtml(e, ctx);
    case "overflow":
      return `<button type="button" class="btn overflow" title="${
        escapeHtml(
          list(e.options).map((o) => str(obj(obj(o).text).text)).join(" / "),
        )
      }">⋯</button>`;
    case "image":
      return imageHtml(e, "inline");
    case "plain_text":
    case "mrkdwn":
      return `<span class="ctx-text">${textHtml(e, ctx)}</span>`;
    case "static_select":
    case "external_select":
    case "users_select":
    case "conversations_select":
    case "channels_select":
    case "multi_static_select":
    case "multi_users_select":
    case "datepicker":
    case "timepicker": {
      const chosen = obj(e.initial_option).text ?? e.placeholder;
      return `<span class="select">${
        chosen ? textHtml(chosen, ctx) : escapeHtml(String(e.type))
      } ▾</span>`;
    }
    default:
      return `<span class="unknown">[${
        escapeHtml(String(e.type ?? "element"))
      }]</span>`;
  }
}

function imageHtml(e: Json, kind: "inline" | "block"): string {
  // No remote fetches from the page: the picture is stood in for by its alt text, the address is kept as a link.
  const alt = str(e.alt_text) || "image";
  const url = str(e.image_url);
  const title = obj(e.title).text;
  const box = `<span class="img-${kind}" role="img" aria-label="${
    escapeHtml(alt)
  }">🖼 ${escapeHtml(alt)}</span>`;
  if (kind === "inline") return box;
  return `<figure class="image">${
    title ? `<figcaption>${escapeHtml(str(title))}</figcaption>` : ""
  }${url ? link(url, box) : box}</figure>`;
}

function richTextHtml(v: unknown, ctx: HtmlContext): string {
  const e = obj(v);
  const style = obj(e.style);
  const styled = (html: string) => {
    let out = html;
    if (style.code) out = `<code>${out}</code>`;
    if (style.bold) out = `<strong>${out}</strong>`;
    if (style.italic) out = `<em>${out}</em>`;
    if (style.strike) out = `<del>${out}</del>`;
    return out;
  };
  switch (e.type) {
    case "text":
      return styled(escapeHtml(str(e.text)).replace(/\n/g, "<br>"));
    case "link":
      return styled(link(str(e.url), escapeHtml(str(e.text) || str(e.url))));
    case "user":
      return entityHtml(`@${str(e.user_id)}`, ctx);
    case "channel":
      return entityHtml(`#${str(e.channel_id)}`, ctx);
    case "emoji":
      return escapeHtml(replaceEmojiShortcodes(`:${str(e.name)}:`));
    case "broadcast":
      return entityHtml(`!${str(e.range)}`, ctx);
    case "date":
      return entityHtml(
        `!date^${String(e.timestamp)}^${str(e.format)}|${str(e.fallback)}`,
        ctx,
      );
    case "rich_text_section":
      return `<div>${
        list(e.elements).map((x) => richTextHtml(x, ctx)).join("")
      }</div>`;
    case "rich_text_preformatted":
      return `<pre>${
        list(e.elements).map((x) => richTextHtml(x, ctx)).join("")
      }</pre>`;
    case "rich_text_quote":
      return `<blockquote>${
        list(e.elements).map((x) => richTextHtml(x, ctx)).join("")
      }</blockquote>`;
    case "rich_text_list": {
      const tag = e.style === "ordered" ? "ol" : "ul";
      return `<${tag}>${
        list(e.elements).map((x) => `<li>${richTextHtml(x, ctx)}</li>`).join("")
      }</${tag}>`;
    }
    default:
      return list(e.elements).map((x) => richTextHtml(x, ctx)).join("");
  }
}

/** Block Kit blocks as Slack draws them in a message. */
export function blocksToHtml(
  blocks: readonly unknown[],
  ctx: HtmlContext,
): string {
  return blocks.map((raw) => {
    const b = obj(raw);
    switch (b.type) {
      case "header":
        return `<div class="b-header">${textHtml(b.text, ctx)}</div>`;
      case "section": {
        const text = b.text
          ? `<div class="s-text">${textHtml(b.text, ctx)}</div>`
          : "";
        const fields = list(b.fields).length > 0
          ? `<div class="s-fields">${
            list(b.fields).map((f) =>
              `<div class="s-field">${textHtml(f, ctx)}</div>`
            ).join("")
          }</div>`
          : "";
        const accessory = b.accessory
          ? `<div class="s-accessory">${
            obj(b.accessory).type === "image"
              ? imageHtml(obj(b.accessory), "inline")
              : elementHtml(b.accessory, ctx)
          }</div>`
          : "";
        return `<div class="b-section"><div class="s-main">${text}${fields}</div>${accessory}</div>`;
      }
      case "context":
        return `<div class="b-context">${
          list(b.elements).map((e) => elementHtml(e, ctx)).join("")
        }</div>`;
      case "actions":
        return `<div class="b-actions">${
          list(b.elements).map((e) => elementHtml(e, ctx)).join("")
        }</div>`;
      case "divider":
        return `<hr class="b-divider">`;
      case "image":
        return imageHtml(b, "block");
      case "rich_text":
        return `<div class="b-rich">${
          richTextHtml({ elements: b.elements }, ctx)
        }</div>`;
      case "input":
        return `<div class="b-input"><label>${textHtml(b.label, ctx)}</label>${
          elementHtml(b.element, ctx)
        }</div>`;
      default:
        return `<div class="unknown">[${
          escapeHtml(String(b.type ?? "block"))
        } block]</div>`;
    }
  }).join("");
}

function timeOfTs(ts: string): string {
  const d = new Date(Number(ts) * 1000);
  return Number.isNaN(d.getTime())
    ? ts
    : `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${
      pad(d.getUTCSeconds())
    }`;
}

function bodyHtml(
  m: { text: string; blocks?: unknown[] },
  ctx: HtmlContext,
): string {
  return m.blocks && m.blocks.length > 0
    ? blocksToHtml(m.blocks, ctx)
    : `<div class="s-text">${mrkdwnToHtml(m.text, ctx)}</div>`;
}

interface Shown {
  ts: string;
  html: string;
}

function messageHtml(
  m: TranscriptMessage,
  ctx: HtmlContext,
  extra: { reply: boolean; ephemeralFor?: string },
): string {
  const edits = m.edits.length;
  const edited = edits > 0
    ? ` <span class="edited" title="edited ${edits} time${
      edits === 1 ? "" : "s"
    }">(edited${edits > 1 ? ` ×${edits}` : ""})</span>`
    : "";
  const broadcast = m.replyBroadcast && extra.reply
    ? ` <span class="flag">also sent to the channel</span>`
    : "";
  const app = m.botId ? ` <span class="app-tag">APP</span>` : "";
  const only = extra.ephemeralFor !== undefined
    ? `<div class="only-you">👁 Only visible to you <span class="who">(${
      escapeHtml(extra.ephemeralFor)
    })</span></div>`
    : "";
  return `<article class="msg${extra.reply ? " reply" : ""}${
    extra.ephemeralFor !== undefined ? " ephemeral" : ""
  }" data-ts="${escapeHtml(m.ts)}">${only}<div class="avatar">${
    escapeHtml((m.userName.trim()[0] ?? "?").toUpperCase())
  }</div><div class="msg-main"><div class="msg-head"><span class="sender">${
    escapeHtml(m.userName)
  }</span>${app}<time class="ts" datetime="${
    escapeHtml(new Date(Number(m.ts) * 1000).toISOString())
  }">${timeOfTs(m.ts)}</time>${edited}${broadcast}</div><div class="msg-body">${
    bodyHtml(m, ctx)
  }</div></div></article>`;
}

/** One channel: its messages, each followed by its thread (replies and the ephemeral answers in it). */
export function renderChannelHtml(
  ws: SlackWorkspace,
  channelId: string,
): string {
  const ctx = workspaceContext(ws);
  const channel = ws.channels.get(channelId);
  const name = channel?.isIm
    ? `Direct message: ${
      [...channel.members].map((u) => ws.users.get(u)?.name ?? u).join(" ↔ ")
    }`
    : `${channel?.isPrivate ? "🔒" : "#"}${channel?.name ?? channelId}`;
  const ephemeral = ws.ephemeral.filter((e) => e.channel === channelId);
  const asTranscript = (e: (typeof ephemeral)[number]): TranscriptMessage => ({
    ts: e.ts,
    user: e.sender,
    userName: ws.users.get(e.sender)?.name ?? e.sender,
    botId: "ephemeral",
    text: e.text,
    ...(e.blocks ? { blocks: e.blocks } : {}),
    edits: [],
    replyBroadcast: false,
    replies: [],
  });
  const seenBy = (e: (typeof ephemeral)[number]) =>
    ws.users.get(e.user)?.name ?? e.user;
  const messages = transcript(ws, channelId);
  const parents = new Set(messages.map((m) => m.ts));
  const top: Shown[] = [
    ...messages.map((m) => {
      const thread: Shown[] = [
        ...m.replies.map((r) => ({
          ts: r.ts,
          html: messageHtml(r, ctx, { reply: true }),
        })),
        ...ephemeral.filter((e) => e.threadTs === m.ts).map((e) => ({
          ts: e.ts,
          html: messageHtml(asTranscript(e), ctx, {
            reply: true,
            ephemeralFor: seenBy(e),
          }),
        })),
      ].sort((a, b) => Number(a.ts) - Number(b.ts));
      const threadHtml = thread.length > 0
        ? `<details class="thread" open><summary>${thread.length} repl${
          thread.length === 1 ? "y" : "ies"
        }</summary>${thread.map((t) => t.html).join("")}</details>`
        : "";
      return {
        ts: m.ts,
        html: `<div class="msg-group">${
          messageHtml(m, ctx, { reply: false })
        }${threadHtml}</div>`,
      };
    }),
    ...ephemeral.filter((e) => !e.threadTs || !parents.has(e.threadTs)).map((
      e,
    ) => ({
      ts: e.ts,
      html: `<div class="msg-group">${
        messageHtml(asTranscript(e), ctx, {
          reply: false,
          ephemeralFor: seenBy(e),
        })
      }</div>`,
    })),
  ].sort((a, b) => Number(a.ts) - Number(b.ts));
  const body = top.length > 0
    ? top.map((t) => t.html).join("")
    : `<p class="empty">No messages yet.</p>`;
  return `<section class="channel" data-channel="${
    escapeHtml(channelId)
  }" aria-label="${escapeHtml(name)}"><h2 class="channel-name">${
    escapeHtml(name)
  }</h2>${body}</section>`;
}

/** Channels worth showing: every non-IM channel, and the IMs that carry messages. */
function shownChannels(ws: SlackWorkspace): string[] {
  return [...ws.channels.values()]
    .filter((c) => !c.isArchived || (ws.messages.get(c.id)?.length ?? 0) > 0)
    .filter((c) =>
      !c.isIm || (ws.messages.get(c.id)?.length ?? 0) > 0 ||
      ws.ephemeral.some((e) => e.channel === c.id)
    )
    .map((c) => c.id);
}

/** The page's changing part (the channels), and a version that changes whenever it does. */
export function renderWorkspaceFragment(
  ws: SlackWorkspace,
  channelIds: readonly string[] = shownChannels(ws),
): { html: string; version: string } {
  const html = channelIds.map((id) => renderChannelHtml(ws, id)).join("");
  return {
    html,
    version: createHash("sha256").update(html).digest("hex").slice(0, 16),
  };
}

export interface DemoPageOptions {
  /** Page title (escaped). */
  title?: string;
  /** Poll this URL (relative or absolute) for `{version, html}` and redraw when the version changes. */
  liveUrl?: string;
  channelIds?: readonly string[];
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.46668 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d1c1d;background:#f4ede4}
header.top{background:#3f0e40;color:#fff;padding:10px 20px;display:flex;gap:16px;align-items:baseline}
header.top h1{font-size:17px;margin:0}
header.top .note{opacity:.75;font-size:13px}
#live-status{margin-left:auto;font-size:12px;opacity:.85}
main{display:flex;flex-wrap:wrap;gap:16px;padding:16px;align-items:flex-start}
.channel{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.15);flex:1 1 520px;max-width:760px;padding-bottom:8px}
.channel-name{font-size:16px;margin:0;padding:12px 16px;border-bottom:1px solid #e8e8e8}
.empty{color:#616061;padding:8px 16px}
.msg{display:flex;gap:8px;padding:8px 16px;position:relative}
.msg:hover{background:#f8f8f8}
.msg.ephemeral{background:#f8f8f8;flex-wrap:wrap}
.only-you{flex-basis:100%;font-size:12px;color:#616061;margin-left:44px}
.avatar{flex:0 0 36px;height:36px;border-radius:6px;background:#4a154b;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:700}
.reply .avatar{flex-basis:24px;height:24px;font-size:12px}
.msg-main{flex:1;min-width:0}
.sender{font-weight:900}
.app-tag{font-size:10px;background:#e8e8e8;color:#616061;padding:0 3px;border-radius:2px;font-weight:700;margin-left:4px}
.ts{color:#616061;font-size:12px;margin-left:8px}
.edited,.flag{color:#616061;font-size:12px}
.thread{margin:0 16px 4px 60px;border-left:2px solid #e0e0e0}
.thread summary{color:#1264a3;font-size:13px;font-weight:700;cursor:pointer;padding:2px 8px}
.b-header{font-size:18px;font-weight:900;margin:4px 0}
.b-section{display:flex;gap:12px;margin:4px 0}
.s-main{flex:1}
.s-fields{display:grid;grid-template-columns:1fr 1fr;gap:4px 16px;margin-top:4px}
.b-context{display:flex;flex-wrap:wrap;gap:4px 8px;align-items:center;color:#616061;font-size:13px;margin:4px 0}
.b-actions{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0 4px}
.btn{font:inherit;font-size:14px;font-weight:700;border:1px solid #bbb;background:#fff;color:#1d1c1d;border-radius:4px;padding:3px 12px;min-height:32px;cursor:default}
.btn.primary{background:#007a5a;border-color:#007a5a;color:#fff}
.btn.danger{background:#fff;color:#e01e5a;border-color:#e01e5a}
.select{border:1px solid #bbb;border-radius:4px;padding:3px 10px;font-size:14px}
.b-divider{border:0;border-top:1px solid #e8e8e8;margin:8px 0}
.image{margin:6px 0}.img-block,.img-inline{display:inline-block;border:1px dashed #bbb;border-radius:4px;padding:6px 10px;color:#616061;font-size:13px}
.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
code{font-family:Monaco,Menlo,Consolas,monospace;font-size:12px;background:#f6f6f6;border:1px solid #ddd;border-radius:3px;padding:0 3px;color:#e01e5a}
pre{font-family:Monaco,Menlo,Consolas,monospace;font-size:12px;background:#f8f8f8;border:1px solid #ddd;border-radius:4px;padding:8px;white-space:pre-wrap;margin:4px 0}
blockquote{margin:4px 0;padding-left:10px;border-left:4px solid #ddd}
a{color:#1264a3;text-decoration:none}a:hover{text-decoration:underline}
.unknown{color:#616061;font-style:italic}
`;

// Polls the live endpoint; redraws only when the version changed, keeping the threads a reader folded.
const LIVE_SCRIPT = `
(function(){
  var url = document.body.getAttribute("data-live");
  var version = document.body.getAttribute("data-version");
  var status = document.getElementById("live-status");
  function tick(){
    fetch(url + "?since=" + encodeURIComponent(version), {cache:"no-store"}).then(function(r){
      if (r.status === 204) { status.textContent = "live"; return; }
      return r.json().then(function(d){
        if (d.version === version) return;
        var closed = {};
        document.querySelectorAll("details.thread").forEach(function(el){
          var ts = el.parentNode.querySelector(".msg").getAttribute("data-ts");
          if (!el.open) closed[ts] = true;
        });
        document.getElementById("channels").innerHTML = d.html;
        document.querySelectorAll("details.thread").forEach(function(el){
          var ts = el.parentNode.querySelector(".msg").getAttribute("data-ts");
          if (closed[ts]) el.open = false;
        });
        version = d.version;
        document.body.setAttribute("data-version", version);
        status.textContent = "live · updated " + new Date().toLocaleTimeString();
      });
    }).catch(function(){ status.textContent = "disconnected (retrying)"; })
      .then(function(){ setTimeout(tick, 500); });
  }
  tick();
})();
`;

/** A whole HTML document; with `liveUrl`, it keeps itself up to date while the simulator runs. */
export function renderDemoPage(
  ws: SlackWorkspace,
  options: DemoPageOptions = {},
): string {
  const title = options.title ?? `Slack (simulated): ${ws.teamDomain}`;
  const { html, version } = renderWorkspaceFragment(
    ws,
    options.channelIds ?? shownChannels(ws),
  );
  const live = options.liveUrl
    ? ` data-live="${escapeHtml(options.liveUrl)}" data-version="${version}"`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body${live}><header class="top"><h1>${
    escapeHtml(title)
  }</h1><span class="note">times in UTC</span><span id="live-status">${
    options.liveUrl
      ? "live"
      : `snapshot of ${escapeHtml(new Date(ws.now()).toISOString())}`
  }</span></header>
<main id="channels">${html}</main>
${options.liveUrl ? `<script>${LIVE_SCRIPT}</script>` : ""}
</body></html>
`;
}
