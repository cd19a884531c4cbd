import { slackMention } from "../../../shared/cards/slack-mention.ts";
import type { SlackAPIClient } from "deno-slack-api/types.ts";
import type { TriggerOutcome } from "./sync-link-triggers.ts";
import type { WorkflowTriggerName } from "../../../shared/bridge-api/bridge-api-schemas.ts";

/** The links worth a channel bookmark: the everyday entry points, and help for the rest. */
export const BOOKMARKED: ReadonlyArray<
  { bridgeName: WorkflowTriggerName; title: string; emoji: string }
> = [
  {
    bridgeName: "trigger_incident",
    title: "Trigger an incident",
    emoji: ":rotating_light:",
  },
  { bridgeName: "who_is_on_call", title: "Who is on call", emoji: ":pager:" },
  { bridgeName: "help", title: "pagerslack help", emoji: ":question:" },
];

export type BookmarkResult =
  | { ok: true; added: number; kept: number }
  | { ok: false; problem: string };

/**
 * Bookmarks the links in `channelId` (`bookmarks.add`, scope bookmarks:write), skipping links it already has
 * (`bookmarks.list`, bookmarks:read) so that running setup again adds none.
 */
export async function bookmarkLinks(
  client: SlackAPIClient,
  channelId: string,
  outcomes: readonly TriggerOutcome[],
): Promise<BookmarkResult> {
  const call = async (method: string, args: Record<string, unknown>) => {
    try {
      return await client.apiCall(method, args) as {
        ok: boolean;
        error?: string;
        bookmarks?: { link?: string }[];
      };
    } catch (error) {
      return { ok: false, error: String(error) };
    }
  };
  const existing = await call("bookmarks.list", { channel_id: channelId });
  if (!existing.ok) {
    return { ok: false, problem: explain(existing.error, channelId) };
  }
  const links = new Set((existing.bookmarks ?? []).map((b) => b.link));
  let added = 0;
  let kept = 0;
  for (const mark of BOOKMARKED) {
    const outcome = outcomes.find((o) => o.bridgeName === mark.bridgeName);
    if (!outcome || outcome.action === "failed") continue;
    if (links.has(outcome.url)) {
      kept++;
      continue;
    }
    const answer = await call("bookmarks.add", {
      channel_id: channelId,
      title: mark.title,
      type: "link",
      link: outcome.url,
      emoji: mark.emoji,
    });
    if (!answer.ok) {
      return { ok: false, problem: explain(answer.error, channelId) };
    }
    added++;
  }
  return { ok: true, added, kept };
}

function explain(error: string | undefined, channelId: string): string {
  if (error === "channel_not_found") {
    return `the app cannot see ${
      slackMention(channelId) ?? "that channel"
    }: invite it there (\`/invite @pagerslack\`) and run setup again.`;
  }
  if (error === "missing_scope") {
    return "the app lacks the bookmarks scopes: deploy the current manifest (`slack deploy`) and run setup again.";
  }
  return `Slack answered ${error ?? "an error"}.`;
}
