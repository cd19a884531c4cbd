/**
 * `bookmarks.add` (link bookmarks only) and `bookmarks.list`, as methods/bookmarks.*.json document them. Slack's
 * page lists no `not_in_channel`: a bot outside a channel is refused like everyone who cannot see it
 * (`channel_not_found`), which is what the simulator answers for a channel the bot is not a member of.
 */
import { visibleChannel } from "./channel-access.ts";
import type { MethodContext, MethodHandler } from "./method-handler.ts";
import { SlackMethodError } from "./slack-method-error.ts";

export interface SimBookmark {
  id: string;
  channel_id: string;
  title: string;
  link: string;
  emoji: string | null;
  type: "link";
  date_created: number;
  app_id: string;
}

const byWorkspace = new WeakMap<object, Map<string, SimBookmark[]>>();

/** The bookmarks of one channel in `ws`, oldest first. */
export function channelBookmarks(ws: object, channelId: string): SimBookmark[] {
  let all = byWorkspace.get(ws);
  if (!all) byWorkspace.set(ws, all = new Map());
  let list = all.get(channelId);
  if (!list) all.set(channelId, list = []);
  return list;
}

function memberChannel(ctx: MethodContext) {
  const channel = visibleChannel(ctx, "channel_id");
  if (!channel.members.has(ctx.auth.userId)) {
    throw new SlackMethodError("channel_not_found");
  }
  return channel;
}

export const BOOKMARKS_METHODS: Readonly<Record<string, MethodHandler>> = {
  "bookmarks.add": (ctx) => {
    const channel = memberChannel(ctx);
    const title = ctx.args.string("title")?.trim();
    // The page documents no `invalid_arguments`; `invalid_form_data` is its code for arguments it cannot take.
    if (!title) throw new SlackMethodError("invalid_form_data");
    if (ctx.args.string("type") !== "link") {
      throw new SlackMethodError("invalid_bookmark_type");
    }
    const link = ctx.args.string("link") ?? "";
    if (!/^https?:\/\/\S+$/.test(link)) {
      throw new SlackMethodError("invalid_link");
    }
    const list = channelBookmarks(ctx.ws, channel.id);
    const bookmark: SimBookmark = {
      id: ctx.ws.nextId("Bk"),
      channel_id: channel.id,
      title,
      link,
      emoji: ctx.args.string("emoji") ?? null,
      type: "link",
      date_created: Math.floor(ctx.ws.now() / 1000),
      app_id: ctx.auth.appId,
    };
    list.push(bookmark);
    return { ok: true, bookmark };
  },
  "bookmarks.list": (ctx) => {
    const channel = memberChannel(ctx);
    return { ok: true, bookmarks: [...channelBookmarks(ctx.ws, channel.id)] };
  },
};
