import { slackMention } from "../../../shared/cards/slack-mention.ts";
import type { BookmarkResult } from "./bookmark-links.ts";
import type { BridgeCheck } from "./check-bridge.ts";
import type { SyncResult } from "./sync-link-triggers.ts";

export interface SetupReportInput {
  sync: SyncResult;
  bridge: BridgeCheck;
  registration: { ok: true } | { ok: false; problem: string } | undefined;
  bookmarks: BookmarkResult | undefined;
  bookmarkChannelId: string | undefined;
  /** The help message with every link. */
  help: string;
}

/** What the admin reads after a setup run: what changed, what is wrong and how to fix it, then the help. */
export function setupReport(r: SetupReportInput): string {
  const lines: string[] = [];
  if (!r.sync.ok) {
    lines.push(
      `:x: Could not list the app's triggers (Slack answered ${r.sync.error}). ${
        r.sync.error === "missing_scope"
          ? "Deploy the current manifest (`slack deploy`, it asks for triggers:read and triggers:write) and run setup again."
          : "Run setup again in a minute."
      }`,
    );
  } else {
    const count = (action: string) =>
      r.sync.ok ? r.sync.outcomes.filter((o) => o.action === action).length : 0;
    const created = count("created");
    const updated = count("updated");
    const kept = count("kept");
    lines.push(
      `:white_check_mark: pagerslack links: ${created} created, ${updated} updated, ${kept} already there.`,
    );
    for (const o of r.sync.outcomes) {
      if (o.action === "failed") {
        lines.push(`:x: ${o.name}: Slack refused it (${o.error}).`);
      } else if (o.action === "outdated") {
        lines.push(
          `:warning: ${o.name}: Slack refused to update trigger ${o.triggerId} (${o.error}); it still works with its old definition. If it was made with \`slack trigger create\`, update it with \`slack trigger update --trigger-id ${o.triggerId} --trigger-def <its file>\`, or delete it (\`slack trigger delete --trigger-id ${o.triggerId}\`) and run setup again to create it.`,
        );
      }
    }
  }
  if (!r.bridge.ok) {
    lines.push(
      `:electric_plug: The bridge was not told about the links: ${r.bridge.problem}`,
    );
  } else if (r.registration?.ok) {
    lines.push(
      ":white_check_mark: The bridge knows every link: its `/pd` answers link to them.",
    );
  } else if (r.registration) {
    lines.push(`:electric_plug: ${r.registration.problem}`);
  }
  const actions = r.sync.ok
    ? r.sync.outcomes.find((o) => o.bridgeName === "incident_action")
    : undefined;
  if (actions && actions.action !== "failed") {
    // The bridge renders this workspace's card buttons from the incident_action link registered just now: there
    // is nothing to copy into its configuration (SLACK_ACTIONS_TRIGGER_URL is only an override).
    lines.push(
      r.registration?.ok
        ? ":white_check_mark: Incident cards in this workspace get their Acknowledge / Resolve / More actions buttons from the _incident actions_ link."
        : ":warning: Incident cards get their buttons once the bridge knows the _incident actions_ link: fix the above and run setup again.",
    );
  }
  if (r.bookmarks?.ok) {
    lines.push(
      `:bookmark: ${
        slackMention(r.bookmarkChannelId) ?? "the channel"
      }: ${r.bookmarks.added} bookmarks added, ${r.bookmarks.kept} already there.`,
    );
  } else if (r.bookmarks) {
    lines.push(`:bookmark: No bookmarks: ${r.bookmarks.problem}`);
  }
  return [...lines, "", r.help].join("\n");
}
