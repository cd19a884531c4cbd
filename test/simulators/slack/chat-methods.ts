import { visibleChannel } from "./channel-access.ts";
import type { MethodContext, MethodHandler } from "./method-handler.ts";
import { messageObject, permalink } from "./message-object.ts";
import { SlackMethodError } from "./slack-method-error.ts";
import type {
  MessageMetadata,
  SimChannel,
  SimMessage,
} from "./slack-workspace.ts";
import { validateBlocks } from "./validate-blocks.ts";
import {
  BLOCK_KIT_LIMITS,
  blocksTextLength,
} from "../../../shared/cards/block-kit-limits.ts";
import { workflowButtonProblems } from "./link-triggers.ts";

/** Slack truncates chat.postMessage text beyond this and refuses longer text in chat.update / postEphemeral. */
const MAX_TEXT = 40_000;

export function botIdFor(appId: string): string {
  return `B${appId.slice(1)}`;
}

/** User ids (`U…`, `W…` on Enterprise Grid) are what a caller passes to reach someone by direct message. */
const USER_ID = /^[UW][A-Z0-9]+$/;

/**
 * A user id as `channel` posts into the IM between the caller and that person (the app's Messages tab for a
 * bot), opening it on first use. Unknown users and bot users have no IM to open: `channel_not_found`.
 */
function directMessageChannel(ctx: MethodContext): SimChannel | undefined {
  const id = ctx.args.string("channel");
  if (!id || !USER_ID.test(id)) return undefined;
  const user = ctx.ws.users.get(id);
  if (!user || user.isBot) throw new SlackMethodError("channel_not_found");
  return ctx.ws.openIm(ctx.auth.userId, id);
}

function postable(ctx: MethodContext): SimChannel {
  const im = directMessageChannel(ctx);
  if (im) return im;
  const channel = visibleChannel(ctx);
  if (channel.isArchived) throw new SlackMethodError("is_archived");
  if (!channel.members.has(ctx.auth.userId)) {
    // chat:write.public lets a bot post to public channels it has not joined; nothing opens private ones.
    const canPostPublic = !channel.isPrivate &&
      ctx.auth.kind !== "user" &&
      ctx.auth.scopes.includes("chat:write.public");
    if (!canPostPublic) throw new SlackMethodError("not_in_channel");
  }
  return channel;
}

function content(ctx: MethodContext): {
  text?: string;
  blocks?: unknown[];
} {
  const blocks = ctx.args.json("blocks", "invalid_blocks_format");
  if (blocks !== undefined) {
    const verdict = validateBlocks(blocks, "message");
    if (!verdict.ok) {
      throw new SlackMethodError("invalid_blocks", {
        errors: verdict.errors,
        response_metadata: { messages: verdict.errors },
      });
    }
  }
  if (
    ctx.ws.refuseWorkflowButtonsFromClassicApps && ctx.auth.kind === "bot" &&
    Array.isArray(blocks)
  ) {
    const where = workflowButtonPointer(blocks);
    if (where) {
      // Unpublished: whether Slack takes a workflow_button (a link trigger of another, hosted app) in a classic
      // app's message. The workflow button reference (docs.slack.dev/reference/block-kit/block-elements/
      // workflow-button-element) and the link trigger guide (api.slack.com/future/triggers/link: "create it as
      // a workflow button") say nothing about who may post one. When refused, the nearest documented answer is
      // chat.postMessage's and chat.update's `invalid_blocks`, in the shape of a schema refusal.
      const message =
        `unsupported type: workflow_button [json-pointer:${where}]`;
      throw new SlackMethodError("invalid_blocks", {
        errors: [message],
        response_metadata: { messages: [message] },
      });
    }
  }
  if (Array.isArray(blocks)) {
    // A workflow_button must start a link trigger of the workspace, filling only inputs it declares customizable.
    const problems = workflowButtonProblems(blocks, ctx.ws.linkTriggers);
    if (problems.length > 0) {
      throw new SlackMethodError("invalid_blocks", {
        errors: problems,
        response_metadata: { messages: problems },
      });
    }
  }
  return {
    text: ctx.args.string("text"),
    blocks: blocks as unknown[] | undefined,
  };
}

/** JSON pointer of the first workflow_button in `blocks` (accessory or actions element), if any. */
function workflowButtonPointer(blocks: unknown[]): string | undefined {
  for (const [i, block] of blocks.entries()) {
    const b = block as { accessory?: { type?: unknown }; elements?: unknown };
    if (b?.accessory?.type === "workflow_button") {
      return `/blocks/${i}/accessory`;
    }
    if (!Array.isArray(b?.elements)) continue;
    for (const [j, element] of b.elements.entries()) {
      if ((element as { type?: unknown })?.type === "workflow_button") {
        return `/blocks/${i}/elements/${j}`;
      }
    }
  }
  return undefined;
}

function metadata(ctx: MethodContext): MessageMetadata | undefined {
  const value = ctx.args.json("metadata", "invalid_metadata_format");
  if (value === undefined) return undefined;
  if (ctx.auth.kind === "user") {
    throw new SlackMethodError("metadata_must_be_sent_from_app");
  }
  const ok = typeof value === "object" && value !== null &&
    typeof (value as MessageMetadata).event_type === "string" &&
    typeof (value as MessageMetadata).event_payload === "object" &&
    (value as MessageMetadata).event_payload !== null;
  if (!ok) throw new SlackMethodError("invalid_metadata_schema");
  return value as MessageMetadata;
}

function ownMessage(
  ctx: MethodContext,
  notOwnError: string,
  tsArg = "ts",
): SimMessage {
  const channel = visibleChannel(ctx);
  const ts = ctx.args.string(tsArg);
  const message = ts ? ctx.ws.findMessage(channel.id, ts) : undefined;
  if (!message) throw new SlackMethodError("message_not_found");
  if (message.user !== ctx.auth.userId) throw new SlackMethodError(notOwnError);
  return message;
}

/**
 * Slack refuses blocks whose summed text is past an undocumented limit (see BLOCK_KIT_LIMITS.blocksTextPerMessage).
 * chat.postMessage documents `msg_blocks_too_long` ("Blocks submitted with this message are too long.");
 * chat.update's reference lists no such code, so there the nearest documented one is `msg_too_long`.
 */
function refuseLongBlocks(blocks: unknown[] | undefined, code: string): void {
  if (
    blocks !== undefined &&
    blocksTextLength(blocks) > BLOCK_KIT_LIMITS.blocksTextPerMessage
  ) {
    throw new SlackMethodError(code);
  }
}

const postMessage: MethodHandler = (ctx) => {
  const channel = postable(ctx);
  const { text, blocks } = content(ctx);
  if (!text && (!blocks || blocks.length === 0)) {
    throw new SlackMethodError("no_text");
  }
  refuseLongBlocks(blocks, "msg_blocks_too_long");
  const meta = metadata(ctx);
  const ws = ctx.ws;
  let threadTs = ctx.args.string("thread_ts");
  let parent: SimMessage | undefined;
  if (threadTs) {
    parent = ws.findMessage(channel.id, threadTs);
    // A reply to a reply joins the parent's thread, as in Slack.
    if (parent?.threadTs && parent.threadTs !== parent.ts) {
      parent = ws.findMessage(channel.id, parent.threadTs);
    }
    // Slack does not document the answer for an unknown parent (unpublished); this is the nearest documented code.
    if (!parent) throw new SlackMethodError("cannot_reply_to_message");
    threadTs = parent.ts;
  }
  const message: SimMessage = {
    ts: ws.nextTs(),
    channel: channel.id,
    user: ctx.auth.userId,
    appId: ctx.auth.appId,
    text: (text ?? "").slice(0, MAX_TEXT),
    replyBroadcast: Boolean(parent) && ctx.args.bool("reply_broadcast"),
    edits: [],
    replies: [],
  };
  if (ctx.auth.kind !== "user") message.botId = botIdFor(ctx.auth.appId);
  if (blocks) message.blocks = blocks;
  if (meta) message.metadata = meta;
  if (ctx.auth.functionExecutionId) {
    message.functionExecutionId = ctx.auth.functionExecutionId;
  }
  if (parent) {
    message.threadTs = parent.ts;
    parent.threadTs = parent.ts;
    parent.replies.push(message.ts);
  }
  ws.addMessage(message);
  return {
    ok: true,
    channel: channel.id,
    ts: message.ts,
    message: messageObject(ws, message, { includeMetadata: true }),
  };
};

const update: MethodHandler = (ctx) => {
  const message = ownMessage(ctx, "cant_update_message");
  const { text, blocks } = content(ctx);
  const meta = metadata(ctx);
  if (text === undefined && blocks === undefined && meta === undefined) {
    throw new SlackMethodError("no_text");
  }
  if (text !== undefined && text.length > MAX_TEXT) {
    throw new SlackMethodError("msg_too_long");
  }
  refuseLongBlocks(blocks, "msg_too_long");
  message.edits.push({
    ts: message.edited?.ts ?? message.ts,
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks } : {}),
  });
  // Omitted text or blocks keep their previous value, as documented for chat.update.
  if (text !== undefined) message.text = text;
  if (blocks !== undefined) message.blocks = blocks;
  if (meta) message.metadata = meta;
  message.edited = { user: ctx.auth.userId, ts: ctx.ws.nextTs() };
  return {
    ok: true,
    channel: message.channel,
    ts: message.ts,
    text: message.text,
    message: messageObject(ctx.ws, message, { includeMetadata: true }),
  };
};

const postEphemeral: MethodHandler = (ctx) => {
  const channel = postable(ctx);
  const user = ctx.args.string("user");
  if (!user || !channel.members.has(user)) {
    throw new SlackMethodError("user_not_in_channel");
  }
  const { text, blocks } = content(ctx);
  if (!text && (!blocks || blocks.length === 0)) {
    throw new SlackMethodError("no_text");
  }
  if (text !== undefined && text.length > MAX_TEXT) {
    throw new SlackMethodError("msg_too_long");
  }
  const ts = ctx.ws.nextTs();
  const threadTs = ctx.args.string("thread_ts");
  ctx.ws.ephemeral.push({
    ts,
    channel: channel.id,
    user,
    sender: ctx.auth.userId,
    text: text ?? "",
    ...(blocks ? { blocks } : {}),
    ...(threadTs ? { threadTs } : {}),
    ...(ctx.auth.functionExecutionId
      ? { functionExecutionId: ctx.auth.functionExecutionId }
      : {}),
  });
  return { ok: true, message_ts: ts };
};

const deleteMessage: MethodHandler = (ctx) => {
  const message = ownMessage(ctx, "cant_delete_message");
  const ws = ctx.ws;
  if (message.threadTs && message.threadTs !== message.ts) {
    const parent = ws.findMessage(message.channel, message.threadTs);
    if (parent) parent.replies = parent.replies.filter((t) => t !== message.ts);
  }
  ws.removeMessage(message.channel, message.ts);
  return { ok: true, channel: message.channel, ts: message.ts };
};

const getPermalink: MethodHandler = (ctx) => {
  const channel = visibleChannel(ctx);
  const ts = ctx.args.string("message_ts");
  const message = ts ? ctx.ws.findMessage(channel.id, ts) : undefined;
  if (!message) throw new SlackMethodError("message_not_found");
  return {
    ok: true,
    channel: channel.id,
    permalink: permalink(ctx.ws, message),
  };
};

export const CHAT_METHODS: Readonly<Record<string, MethodHandler>> = {
  "chat.postMessage": postMessage,
  "chat.update": update,
  "chat.postEphemeral": postEphemeral,
  "chat.delete": deleteMessage,
  "chat.getPermalink": getPermalink,
};
