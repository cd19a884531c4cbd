import {
  channelObject,
  requireChannelScope,
  requireMember,
  requireScope,
  visibleChannel,
} from "./channel-access.ts";
import { CHANNEL_SCOPES } from "./method-table.ts";
import type { MethodContext, MethodHandler } from "./method-handler.ts";
import { messageObject } from "./message-object.ts";
import { SlackMethodError } from "./slack-method-error.ts";
import type { SimChannel, SimMessage } from "./slack-workspace.ts";

/** Channel names: lower-case letters, digits, hyphens and underscores, at most 80 characters. */
const CHANNEL_NAME_MAX = 80;

function checkName(name: string | undefined): string {
  if (!name) throw new SlackMethodError("invalid_name_required");
  if (name.length > CHANNEL_NAME_MAX) {
    throw new SlackMethodError("invalid_name_maxlength");
  }
  if (/[^a-z0-9_-]/.test(name)) {
    throw new SlackMethodError("invalid_name_specials");
  }
  if (/^[-_]+$/.test(name)) {
    throw new SlackMethodError("invalid_name_punctuation");
  }
  return name;
}

const create: MethodHandler = (ctx) => {
  const isPrivate = ctx.args.bool("is_private");
  requireScope(
    ctx.auth,
    isPrivate ? CHANNEL_SCOPES.manage.private : CHANNEL_SCOPES.manage.public,
  );
  const name = checkName(ctx.args.string("name"));
  if (ctx.ws.channelByName(name)) throw new SlackMethodError("name_taken");
  const channel: SimChannel = {
    id: ctx.ws.nextId(isPrivate ? "G" : "C"),
    name,
    isPrivate,
    isArchived: false,
    members: new Set([ctx.auth.userId]),
    created: Math.floor(ctx.ws.now() / 1000),
    creator: ctx.auth.userId,
  };
  ctx.ws.channels.set(channel.id, channel);
  return { ok: true, channel: channelObject(channel, ctx.auth.userId) };
};

const info: MethodHandler = (ctx) => {
  const channel = visibleChannel(ctx);
  requireChannelScope(ctx, channel, "read");
  const out: Record<string, unknown> = channelObject(channel, ctx.auth.userId);
  if (ctx.args.bool("include_num_members")) {
    out.num_members = channel.members.size;
  }
  return { ok: true, channel: out };
};

const invite: MethodHandler = (ctx) => {
  const channel = visibleChannel(ctx);
  requireChannelScope(ctx, channel, "manage");
  if (channel.isArchived) throw new SlackMethodError("is_archived");
  requireMember(ctx, channel);
  const users = (ctx.args.string("users") ?? "").split(",").map((u) => u.trim())
    .filter(Boolean);
  if (users.length === 0) throw new SlackMethodError("no_user");
  for (const id of users) {
    if (id === ctx.auth.userId) throw new SlackMethodError("cant_invite_self");
    if (!ctx.ws.users.has(id)) throw new SlackMethodError("user_not_found");
    if (channel.members.has(id)) {
      throw new SlackMethodError("already_in_channel");
    }
  }
  for (const id of users) channel.members.add(id);
  return { ok: true, channel: channelObject(channel, ctx.auth.userId) };
};

const join: MethodHandler = (ctx) => {
  const channel = visibleChannel(ctx);
  if (channel.isPrivate) {
    throw new SlackMethodError("method_not_supported_for_channel_type");
  }
  if (channel.isArchived) throw new SlackMethodError("is_archived");
  const already = channel.members.has(ctx.auth.userId);
  channel.members.add(ctx.auth.userId);
  const body = {
    ok: true as const,
    channel: channelObject(channel, ctx.auth.userId),
  };
  // Joining twice succeeds with a warning, as Slack answers.
  return already
    ? {
      ...body,
      warning: "already_in_channel",
      response_metadata: { warnings: ["already_in_channel"] },
    }
    : body;
};

const TS = /^\d+(\.\d+)?$/;

function tsArg(
  ctx: MethodContext,
  name: string,
  error: string,
): string | undefined {
  const value = ctx.args.string(name);
  if (value === undefined || value === "") return undefined;
  if (!TS.test(value)) throw new SlackMethodError(error);
  return value;
}

/** Slack's cursors look like base64("next_ts:<ts digits>"); we keep that shape. */
function encodeCursor(ts: string): string {
  return Buffer.from(`next_ts:${ts}`).toString("base64");
}

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, "base64").toString("utf8");
  const match = /^next_ts:(\d+\.\d+)$/.exec(text);
  if (!match?.[1]) throw new SlackMethodError("invalid_cursor");
  return match[1];
}

function readable(ctx: MethodContext): SimChannel {
  const channel = visibleChannel(ctx);
  requireChannelScope(ctx, channel, "history");
  if (ctx.method === "conversations.replies") {
    // conversations.replies documents no not_in_channel (unpublished): its documented neighbour is used.
    if (!channel.members.has(ctx.auth.userId)) {
      throw new SlackMethodError("channel_not_found");
    }
  } else {
    requireMember(ctx, channel);
  }
  return channel;
}

function page(
  ctx: MethodContext,
  ordered: SimMessage[],
  newestFirst: boolean,
): Record<string, unknown> & { ok: true } {
  const oldest = tsArg(ctx, "oldest", "invalid_ts_oldest");
  const latest = tsArg(ctx, "latest", "invalid_ts_latest");
  const inclusive = ctx.args.bool("inclusive");
  const limit = Math.min(Math.max(ctx.args.int("limit") ?? 100, 1), 999);
  const cursor = ctx.args.string("cursor");
  const cursorTs = cursor ? decodeCursor(cursor) : undefined;
  const n = (ts: string) => Number(ts);
  let list = ordered.filter((m) => {
    if (oldest && (inclusive ? n(m.ts) < n(oldest) : n(m.ts) <= n(oldest))) {
      return false;
    }
    if (latest && (inclusive ? n(m.ts) > n(latest) : n(m.ts) >= n(latest))) {
      return false;
    }
    return true;
  });
  if (cursorTs) {
    list = list.filter((m) =>
      newestFirst ? n(m.ts) <= n(cursorTs) : n(m.ts) >= n(cursorTs)
    );
  }
  const slice = list.slice(0, limit);
  const next = list[limit];
  const includeMetadata = ctx.args.bool("include_all_metadata");
  return {
    ok: true,
    messages: slice.map((m) => messageObject(ctx.ws, m, { includeMetadata })),
    has_more: next !== undefined,
    ...(next
      ? { response_metadata: { next_cursor: encodeCursor(next.ts) } }
      : {}),
  };
}

const history: MethodHandler = (ctx) => {
  const channel = readable(ctx);
  const all = ctx.ws.messages.get(channel.id) ?? [];
  // Replies stay in their thread unless they were broadcast to the channel.
  const visible = all.filter((m) =>
    !m.threadTs || m.threadTs === m.ts || m.replyBroadcast
  );
  const newestFirst = [...visible].sort((a, b) => Number(b.ts) - Number(a.ts));
  return { ...page(ctx, newestFirst, true), pin_count: 0 };
};

const replies: MethodHandler = (ctx) => {
  const channel = readable(ctx);
  const ts = ctx.args.string("ts");
  let parent = ts ? ctx.ws.findMessage(channel.id, ts) : undefined;
  if (parent?.threadTs && parent.threadTs !== parent.ts) {
    parent = ctx.ws.findMessage(channel.id, parent.threadTs);
  }
  if (!parent) throw new SlackMethodError("thread_not_found");
  const thread = [
    parent,
    ...parent.replies
      .map((r) => ctx.ws.findMessage(channel.id, r))
      .filter((m): m is SimMessage => m !== undefined),
  ];
  return page(ctx, thread, false);
};

/**
 * conversations.open (docs.slack.dev/reference/methods/conversations.open): `users` with one id opens (or
 * resumes) the IM between the caller and that person, and answers its `D…` id; `return_im` answers the whole IM
 * object with `no_op` / `already_open` when it was open before. A 1:1 DM needs `im:write`. Errors from the
 * method's page: `users_list_not_supplied`, `too_many_users` (more than 8), `user_not_found` (unknown, or in
 * another workspace), `user_disabled` (deactivated); `cannot_dm_bot` for a bot user is not on the page (see the
 * README's known deviations). `channel` resumes an IM the caller is in (`channel_not_found` otherwise,
 * `method_not_supported_for_channel_type` for a channel that is not an IM). Multi-person DMs are not simulated:
 * several users fail the call (HTTP 500).
 */
const open: MethodHandler = (ctx) => {
  const resume = ctx.args.string("channel");
  const users = (ctx.args.string("users") ?? "").split(",").map((u) => u.trim())
    .filter(Boolean);
  requireScope(ctx.auth, CHANNEL_SCOPES.manage.im);
  let im: SimChannel;
  let existed: boolean;
  if (users.length === 0 && resume) {
    const channel = ctx.ws.channels.get(resume);
    if (!channel || !channel.members.has(ctx.auth.userId)) {
      throw new SlackMethodError("channel_not_found");
    }
    if (!channel.isIm) {
      throw new SlackMethodError("method_not_supported_for_channel_type");
    }
    im = channel;
    existed = true;
  } else {
    if (users.length === 0) {
      throw new SlackMethodError("users_list_not_supplied");
    }
    if (users.length > 8) throw new SlackMethodError("too_many_users");
    if (users.length > 1) {
      throw new Error("conversations.open: multi-person DMs are not simulated");
    }
    const user = ctx.ws.users.get(users[0] as string);
    if (!user) throw new SlackMethodError("user_not_found");
    if (user.deleted) throw new SlackMethodError("user_disabled");
    if (user.isBot) throw new SlackMethodError("cannot_dm_bot");
    existed = ctx.ws.findIm(ctx.auth.userId, user.id) !== undefined;
    im = ctx.ws.openIm(ctx.auth.userId, user.id);
  }
  if (!ctx.args.bool("return_im")) return { ok: true, channel: { id: im.id } };
  const other = [...im.members].find((m) => m !== ctx.auth.userId) ??
    ctx.auth.userId;
  return {
    ok: true,
    ...(existed ? { no_op: true, already_open: true } : {}),
    channel: {
      id: im.id,
      created: im.created,
      is_im: true,
      is_org_shared: false,
      user: other,
      last_read: "0000000000.000000",
      latest: null,
      unread_count: 0,
      unread_count_display: 0,
      is_open: true,
      priority: 0,
    },
  };
};

export const CONVERSATIONS_METHODS: Readonly<Record<string, MethodHandler>> = {
  "conversations.open": open,
  "conversations.create": create,
  "conversations.info": info,
  "conversations.invite": invite,
  "conversations.join": join,
  "conversations.history": history,
  "conversations.replies": replies,
};
