// Migrations live in code (no files to ship next to the container) and run on both dialects; the only
// difference is the auto-increment column.
import type { MigrationProvider } from "kysely";
import type { Dialect } from "./database.ts";
import { initialSchema } from "./migrations/0001-initial.ts";
import { inboxQueueIndex } from "./migrations/0002-inbox-queue-index.ts";
import { outboxPostAttempts } from "./migrations/0003-outbox-post-attempts.ts";
import { incidentStateStatus } from "./migrations/0004-incident-state-status.ts";
import { inboxAttempts } from "./migrations/0005-inbox-attempts.ts";
import { deliveryBlocks } from "./migrations/0006-delivery-blocks.ts";
import { bridgeSettings } from "./migrations/0007-bridge-settings.ts";
import { slackPacing } from "./migrations/0008-slack-pacing.ts";
import { dropOutboxLocks } from "./migrations/0009-drop-outbox-locks.ts";
import { dropChannelNextPost } from "./migrations/0010-drop-channel-next-post.ts";
import { workflowTriggers } from "./migrations/0011-workflow-triggers.ts";
import { slackInstallations } from "./migrations/0012-slack-installations.ts";
import { workspaceTeams } from "./migrations/0013-workspace-teams.ts";
import { stormDigests } from "./migrations/0014-storm-digests.ts";
import { alertContexts } from "./migrations/0016-alert-contexts.ts";
import { oncallGroups } from "./migrations/0018-oncall-groups.ts";
import { digestPages } from "./migrations/0022-digest-pages.ts";
import { incidentDms } from "./migrations/0017-incident-dms.ts";

/** Every migration, by name; names sort in the order they must run. Each lives in its own file in migrations/. */
export function bridgeMigrations(dialect: Dialect): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve({
        "0001_initial": initialSchema(dialect),
        "0002_inbox_queue_index": inboxQueueIndex,
        "0003_outbox_post_attempts": outboxPostAttempts,
        "0004_incident_state_status": incidentStateStatus,
        "0005_inbox_attempts": inboxAttempts,
        "0006_delivery_blocks": deliveryBlocks,
        "0007_bridge_settings": bridgeSettings,
        "0008_slack_pacing": slackPacing,
        "0009_drop_outbox_locks": dropOutboxLocks,
        "0010_drop_channel_next_post": dropChannelNextPost,
        "0011_workflow_triggers": workflowTriggers,
        "0012_slack_installations": slackInstallations,
        "0013_workspace_teams": workspaceTeams,
        "0014_storm_digests": stormDigests(dialect),
        "0016_alert_contexts": alertContexts,
        "0018_oncall_groups": oncallGroups,
        "0022_digest_pages": digestPages,
        "0017_incident_dms": incidentDms,
      }),
  };
}
