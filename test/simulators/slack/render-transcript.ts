import type {
  MessageMetadata,
  MessageRevision,
  SimMessage,
  SlackWorkspace,
} from "./slack-workspace.ts";

/** A channel as a person reads it: messages in order, their current content, edits and threads. */
export interface TranscriptMessage {
  ts: string;
  user: string;
  userName: string;
  botId?: string;
  text: string;
  blocks?: unknown[];
  metadata?: MessageMetadata;
  /** Earlier versions, oldest first. */
  edits: MessageRevision[];
  replyBroadcast: boolean;
  replies: TranscriptMessage[];
}

function toTranscript(ws: SlackWorkspace, m: SimMessage): TranscriptMessage {
  const out: TranscriptMessage = {
    ts: m.ts,
    user: m.user,
    userName: ws.users.get(m.user)?.name ?? m.user,
    text: m.text,
    edits: [...m.edits],
    replyBroadcast: m.replyBroadcast,
    replies: m.replies
      .map((ts) => ws.findMessage(m.channel, ts))
      .filter((r): r is SimMessage => r !== undefined)
      .map((r) => toTranscript(ws, r)),
  };
  if (m.botId) out.botId = m.botId;
  if (m.blocks) out.blocks = m.blocks;
  if (m.metadata) out.metadata = m.metadata;
  return out;
}

export function transcript(
  ws: SlackWorkspace,
  channelId: string,
): TranscriptMessage[] {
  return (ws.messages.get(channelId) ?? [])
    .filter((m) => !m.threadTs || m.threadTs === m.ts)
    .sort((a, b) => Number(a.ts) - Number(b.ts))
    .map((m) => toTranscript(ws, m));
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === "object" && v !== null ? (v as Json) : {};
const text = (v: unknown): string => {
  const t = obj(v).text;
  return typeof t === "string" ? t : "";
};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function elementLabel(el: unknown): string {
  const e = obj(el);
  switch (e.type) {
    case "button":
    case "workflow_button":
      return `[${text(e.text)}]`;
    case "overflow":
      return `[⋯ ${list(e.options).map((o) => text(obj(o).text)).join(" / ")}]`;
    case "image":
      return `[image: ${String(e.alt_text ?? "")}]`;
    case "plain_text":
    case "mrkdwn":
      return text(e);
    default:
      return `[${text(e.placeholder) || String(e.type)} ▾]`;
  }
}

function richText(v: unknown): string {
  const e = obj(v);
  if (typeof e.text === "string") return e.text;
  if (e.type === "user") return `<@${String(e.user_id)}>`;
  if (e.type === "link") return String(e.text ?? e.url ?? "");
  return list(e.elements).map(richText).join("");
}

/** Block Kit turned into the lines a reader sees; buttons are listed as `[Label]`. */
export function renderBlocks(blocks: readonly unknown[]): string[] {
  const lines: string[] = [];
  for (const raw of blocks) {
    const b = obj(raw);
    switch (b.type) {
      case "header":
        lines.push(`# ${text(b.text)}`);
        break;
      case "section": {
        if (b.text) lines.push(...text(b.text).split("\n"));
        const fields = list(b.fields).map(text);
        if (fields.length > 0) lines.push(fields.join(" | "));
        if (b.accessory) lines.push(elementLabel(b.accessory));
        break;
      }
      case "context":
        lines.push(list(b.elements).map(elementLabel).join(" · "));
        break;
      case "actions":
        lines.push(list(b.elements).map(elementLabel).join(" "));
        break;
      case "divider":
        lines.push("---");
        break;
      case "image":
        lines.push(`[image: ${String(b.alt_text ?? "")}]`);
        break;
      case "input": {
        const type = String(obj(b.element).type);
        const field = type.endsWith("_input")
          ? "[______]"
          : elementLabel(b.element);
        lines.push(`${text(b.label)}: ${field}`);
        break;
      }
      case "rich_text":
        lines.push(...richText(b).split("\n"));
        break;
      default:
        lines.push(`[${String(b.type)}]`);
    }
  }
  return lines;
}

function renderMessage(m: TranscriptMessage, indent: string): string[] {
  const flags = [
    m.edits.length > 0 ? "(edited)" : "",
    m.replyBroadcast ? "(also sent to the channel)" : "",
  ].filter(Boolean).join(" ");
  const head = `${indent}${m.userName}${flags ? ` ${flags}` : ""}:`;
  const body = m.blocks && m.blocks.length > 0
    ? renderBlocks(m.blocks)
    : m.text.split("\n");
  const lines = [head, ...body.map((l) => `${indent}  ${l}`)];
  for (const reply of m.replies) {
    lines.push(...renderMessage(reply, `${indent}  ↳ `));
  }
  return lines;
}

export function renderTranscript(
  ws: SlackWorkspace,
  channelId: string,
): string {
  const channel = ws.channels.get(channelId);
  const title = `#${channel?.name ?? channelId}`;
  const lines = [title];
  for (const m of transcript(ws, channelId)) {
    lines.push(...renderMessage(m, ""));
  }
  return lines.join("\n");
}
