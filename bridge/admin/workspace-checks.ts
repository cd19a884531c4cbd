// The doctor's Slack checks as the status page runs them, once per workspace with that workspace's own token:
// does Slack take its bot token (auth.test), and is its bot in each of its connected channels. Each finding
// names its workspace (DoctorCheck.workspace, a workspace block key), so the page shows it in that workspace's
// section. `doctor` on the command line has only SLACK_BOT_TOKEN; the page has every installation's token.
import type { BridgeDb } from "../db/database.ts";
import { checkSlack, type DoctorCheck } from "../commands/run-doctor.ts";
import { workspaceBlockKey } from "../outbox/workspace-block-key.ts";
import {
  checkWorkspaceChannels,
  type ClientOf,
} from "../commands/check-workspace-channels.ts";
import type { SlackWorkspaces } from "../slack/slack-workspaces.ts";
import type { StatusCheck } from "./status-doctor.ts";

/** How long a check may wait for a pacing slot (the whole check is bounded by the status doctor). */
const SLOT_WAIT_MS = 2_000;

export function workspaceChecks(
  { db, workspaces }: { db: BridgeDb; workspaces: SlackWorkspaces },
): StatusCheck[] {
  const botTeam = () => workspaces.botTokenClient()?.teamId ?? null;
  const clientOf: ClientOf = async (teamId) => {
    const bot = workspaces.botTokenClient();
    if (bot && (teamId === null || teamId === bot.teamId)) {
      return { slack: bot.slack, installed: false };
    }
    if (teamId === null) return { problem: "no SLACK_BOT_TOKEN" };
    const lookup = await workspaces.clientFor(teamId, {
      maxWaitMs: SLOT_WAIT_MS,
    });
    return lookup.ok
      ? { slack: lookup.workspace.slack, installed: true }
      : { problem: lookup.message };
  };
  return [
    {
      name: "slack",
      run: async () => {
        const teams = new Set<string | null>(await workspaces.teams());
        if (workspaces.botTokenClient() && botTeam() === null) teams.add(null);
        const checks: DoctorCheck[] = [];
        for (const team of teams) {
          const workspace = workspaceBlockKey(team, botTeam());
          const client = await clientOf(team);
          if (!("slack" in client)) {
            checks.push({
              name: "slack",
              ok: false,
              workspace,
              detail: "problem" in client ? client.problem : client.skip,
            });
            continue;
          }
          const { check } = await checkSlack(client.slack);
          checks.push({
            ...check,
            workspace,
            // An installed workspace's remedy is installing again, not SLACK_BOT_TOKEN.
            detail: client.installed && !check.ok
              ? `${
                check.detail.replace(/ \(reinstall the bridge's.*\)$/, "")
              } (install the app in this workspace again with Add to Slack)`
              : check.detail,
          });
        }
        return checks;
      },
    },
    {
      name: "connected channels",
      run: () => checkWorkspaceChannels(db, clientOf, botTeam()),
    },
  ];
}
