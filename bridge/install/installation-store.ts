// The workspaces that installed the bridge's Slack app ("Add to Slack"), one bot token each, sealed at rest. The
// OAuth redirect saves an installation; app_uninstalled / tokens_revoked delete it; every Slack call for a
// workspace reads its token from here (or from SLACK_BOT_TOKEN for a single-workspace install).
import type { BridgeDb } from "../db/database.ts";
import type { SecretBox } from "../secrets/secret-box.ts";

export interface SlackInstallation {
  teamId: string;
  teamName: string;
  enterpriseId: string | null;
  appId: string | null;
  botUserId: string;
  botToken: string;
  scopes: string[];
  installedBy: string | null;
  installedAt: string;
  updatedAt: string;
}

/** What lists and status pages show: everything but the token. */
export type InstallationSummary = Omit<SlackInstallation, "botToken">;

export interface InstallationStore {
  /** Saves (or replaces, on a reinstall) a workspace's installation; true when the workspace is new. */
  save(
    installation: Omit<SlackInstallation, "installedAt" | "updatedAt">,
    now: Date,
  ): Promise<boolean>;
  /** The installation with its token opened, or null when the workspace has not installed the app. */
  find(teamId: string): Promise<SlackInstallation | null>;
  list(): Promise<InstallationSummary[]>;
  /** Removes a workspace's installation (uninstalled, tokens revoked); true when there was one. */
  delete(teamId: string): Promise<boolean>;
}

export function createInstallationStore(
  db: BridgeDb,
  box: SecretBox,
): InstallationStore {
  return {
    async save(installation, now) {
      const at = now.toISOString();
      const row = {
        team_id: installation.teamId,
        team_name: installation.teamName,
        enterprise_id: installation.enterpriseId,
        app_id: installation.appId,
        bot_user_id: installation.botUserId,
        bot_token_sealed: box.seal(installation.botToken),
        scopes: installation.scopes.join(","),
        installed_by: installation.installedBy,
        updated_at: at,
      };
      const inserted = await db.insertInto("slack_installations")
        .values({ ...row, installed_at: at })
        .onConflict((oc) => oc.column("team_id").doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
      await db.updateTable("slack_installations").set(row)
        .where("team_id", "=", installation.teamId).execute();
      return false;
    },
    async find(teamId) {
      const row = await db.selectFrom("slack_installations").selectAll()
        .where("team_id", "=", teamId).executeTakeFirst();
      if (!row) return null;
      return {
        ...summaryOf(row),
        botToken: box.open(row.bot_token_sealed),
      };
    },
    async list() {
      const rows = await db.selectFrom("slack_installations").selectAll()
        .orderBy("team_name").orderBy("team_id").execute();
      return rows.map(summaryOf);
    },
    async delete(teamId) {
      const result = await db.deleteFrom("slack_installations")
        .where("team_id", "=", teamId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

function summaryOf(row: {
  team_id: string;
  team_name: string;
  enterprise_id: string | null;
  app_id: string | null;
  bot_user_id: string;
  scopes: string;
  installed_by: string | null;
  installed_at: string;
  updated_at: string;
}): InstallationSummary {
  return {
    teamId: row.team_id,
    teamName: row.team_name,
    enterpriseId: row.enterprise_id,
    appId: row.app_id,
    botUserId: row.bot_user_id,
    scopes: row.scopes === "" ? [] : row.scopes.split(","),
    installedBy: row.installed_by,
    installedAt: row.installed_at,
    updatedAt: row.updated_at,
  };
}
