import { CHANNEL_SCOPES } from "./method-table.ts";
import type { MethodContext } from "./method-handler.ts";
import { SlackMethodError } from "./slack-method-error.ts";
import type { SimChannel, SimToken } from "./slack-workspace.ts";

export function missingScope(auth: SimToken, needed: string): SlackMethodError {
  return new SlackMethodError("missing_scope", {
    needed,
    provided: auth.scopes.join(","),
  });
}

export function requireScope(auth: SimToken, needed: string): void {
  if (!auth.scopes.includes(needed)) throw missingScope(auth, needed);
}

/**
 * The channel named by an argument, as the caller can see it: a private channel the caller is not in does not
 * exist for them (`channel_not_found`), exactly like a wrong id.
 */
export function visibleChannel(
  ctx: MethodContext,
  argName = "channel",
): SimChannel {
  const id = ctx.args.string(argName);
  const channel = id ? ctx.ws.channels.get(id) : undefined;
  if (!channel) throw new SlackMethodError("channel_not_found");
  if (channel.isPrivate && !channel.members.has(ctx.auth.userId)) {
    throw new SlackMethodError("channel_not_found");
  }
  return channel;
}

export function requireChannelScope(
  ctx: MethodContext,
  channel: SimChannel,
  kind: keyof typeof CHANNEL_SCOPES,
): void {
  const scopes = CHANNEL_SCOPES[kind];
  requireScope(
    ctx.auth,
    channel.isIm
      ? scopes.im
      : channel.isPrivate
      ? scopes.private
      : scopes.public,
  );
}

export function requireMember(ctx: MethodContext, channel: SimChannel): void {
  if (!channel.members.has(ctx.auth.userId)) {
    throw new SlackMethodError("not_in_channel");
  }
}

export function channelObject(channel: SimChannel, viewer: string) {
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.isIm,
    is_group: false,
    is_im: channel.isIm ?? false,
    is_private: channel.isPrivate,
    is_archived: channel.isArchived,
    is_general: false,
    is_member: channel.members.has(viewer),
    created: channel.created,
    creator: channel.creator,
    name_normalized: channel.name,
  };
}
