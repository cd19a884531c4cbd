// The bridge API used by the hosted Slack app: connections, incident channels, card refresh, the link
// triggers of its workflows. Bodies follow the contract in shared/bridge-api/, which also types the hosted
// app's client.
import { Hono } from "hono";
import type { Logger } from "pino";
import type { BridgeDb } from "../db/database.ts";
import type { Enrich } from "../outbox/enrich.ts";
import type { SlackClient } from "../slack/slack-client.ts";
import type { SlackWorkspaces } from "../slack/slack-workspaces.ts";
import { createWarningAggregator } from "../ops/aggregate-warnings.ts";
import { HTTP_LIMITS, limitBody } from "../http/http-limits.ts";
import { parseApiTokens } from "./api-token-teams.ts";
import { bearerAuth } from "./bearer-auth.ts";
import { connectionRoutes } from "./connection-routes.ts";
import { incidentRoutes } from "./incident-routes.ts";
import { oncallGroupRoutes } from "./oncall-group-routes.ts";
import { notificationPreferenceRoutes } from "./notification-preference-routes.ts";
import { usergroupRoutes } from "./usergroup-routes.ts";
import { workflowTriggerRoutes } from "./workflow-trigger-routes.ts";

export interface BridgeApiOptions {
  db: BridgeDb;
  slack: SlackClient;
  /** PAGERSLACK_API_TOKENS entries: `token`, or `T…:token` for a token limited to one workspace. */
  tokens: readonly string[];
  logger: Logger;
  now?: () => Date;
  /** Called after outbox work was added, to wake the sender. */
  onEnqueued?: () => void;
  /** Largest request body (Content-Length, and while streaming). */
  maxBodyBytes?: number;
  /** Maps PagerDuty users to Slack users (with PAGERDUTY_API_TOKEN): incident channels invite the assignees. */
  enrich?: Enrich;
  /** The Slack workspaces (several once installed through "Add to Slack"); absent: `slack`'s one workspace. */
  workspaces?: SlackWorkspaces;
  /** An on-call group was saved: sync it now rather than at the next poll. */
  onOncallChanged?: () => void;
}

export function bridgeApiRoute(options: BridgeApiOptions) {
  const app = new Hono();
  // Who is asking comes before reading what they send: an unauthenticated upload is never read.
  app.use(
    "/api/v1/*",
    bearerAuth(parseApiTokens(options.tokens).map((t) => t.token), {
      refused: createWarningAggregator({
        logger: options.logger,
        message: "bridge API request refused",
      }),
    }),
  );
  app.use(
    "/api/v1/*",
    limitBody(options.maxBodyBytes ?? HTTP_LIMITS.maxBodyBytes),
  );
  app.route("/api/v1/connections", connectionRoutes(options));
  app.route("/api/v1/incidents", incidentRoutes(options));
  app.route("/api/v1/workflow-triggers", workflowTriggerRoutes(options));
  app.route("/api/v1/oncall-groups", oncallGroupRoutes(options));
  app.route("/api/v1/usergroups", usergroupRoutes(options));
  app.route(
    "/api/v1/notification-preferences",
    notificationPreferenceRoutes(options),
  );
  return app;
}
