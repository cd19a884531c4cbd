import { Manifest } from "deno-slack-sdk/mod.ts";
import { BOT_SCOPES } from "./slack-app/manifest/bot-scopes.ts";
import { pagerDutyOAuthProvider } from "./slack-app/auth/pagerduty-oauth-provider.ts";
import { readAppConfig } from "./slack-app/config/read-app-config.ts";
import { assertPagerDutyConfig } from "./slack-app/manifest/assert-pagerduty-config.ts";
import {
  assertDeployConfig,
  pagerDutyOAuthClientId,
} from "./slack-app/manifest/assert-deploy-config.ts";
import { UserLinksDatastore } from "./slack-app/datastores/user-links-datastore.ts";
import { ConnectChannelFunction } from "./slack-app/functions/connect-channel/mod.ts";
import { HelpFunction } from "./slack-app/functions/help/mod.ts";
import { SetUpPagerslackFunction } from "./slack-app/functions/set-up-pagerslack/mod.ts";
import { IncidentActionFunction } from "./slack-app/functions/incident-action/mod.ts";
import { InviteUserFunction } from "./slack-app/functions/invite-user/mod.ts";
import { LinkAccountFunction } from "./slack-app/functions/link-account/mod.ts";
import { SaveNotificationsFunction } from "./slack-app/functions/my-notifications/mod.ts";
import { TriggerIncidentFunction } from "./slack-app/functions/trigger-incident/mod.ts";
import { UnlinkAccountFunction } from "./slack-app/functions/unlink-account/mod.ts";
import { WhoIsOnCallFunction } from "./slack-app/functions/who-is-on-call/mod.ts";
import {
  outgoingDomains,
  readProcessEnv,
} from "./slack-app/manifest/outgoing-domains.ts";
import { ConnectChannelWorkflow } from "./slack-app/workflows/connect-channel-workflow.ts";
import { HelpWorkflow } from "./slack-app/workflows/help-workflow.ts";
import { SetUpPagerslackWorkflow } from "./slack-app/workflows/set-up-pagerslack-workflow.ts";
import { IncidentActionWorkflow } from "./slack-app/workflows/incident-action-workflow.ts";
import { InviteUserWorkflow } from "./slack-app/workflows/invite-user-workflow.ts";
import { LinkAccountWorkflow } from "./slack-app/workflows/link-account-workflow.ts";
import { MyNotificationsWorkflow } from "./slack-app/workflows/my-notifications-workflow.ts";
import { TriggerIncidentWorkflow } from "./slack-app/workflows/trigger-incident-workflow.ts";
import { UnlinkAccountWorkflow } from "./slack-app/workflows/unlink-account-workflow.ts";
import { WhoIsOnCallWorkflow } from "./slack-app/workflows/who-is-on-call-workflow.ts";

/** Bot scopes, each with the reason it is needed (slack-app/manifest/bot-scopes.ts). */
export { BOT_SCOPES };

/** Read once at `slack deploy` (or `npm run manifest`): OAuth hosts, identity URL and outgoing domains agree. */
const deployEnv = readProcessEnv();
// Missing PAGERDUTY_OAUTH_CLIENT_ID / BRIDGE_URL stop the deploy (`DeployConfigError`, one sentence each).
assertDeployConfig(deployEnv);
const deployConfig = readAppConfig(deployEnv);
// Contradicting settings stop the deploy (`PagerDutyConfigError`) before anything is built from them.
assertPagerDutyConfig(deployConfig);

export default Manifest({
  name: "pagerslack",
  description:
    "PagerDuty incidents in Slack: acknowledge, resolve, trigger, who is on call",
  longDescription:
    "The Slack side of pagerslack, a self-hostable PagerDuty ⇄ Slack integration. Incident cards are posted by the pagerslack bridge; their buttons, and every /pd command, run here as link-triggered workflows acting as your linked PagerDuty user, so PagerDuty's own permissions decide what you may do.",
  icon: "slack-app/assets/icon.png",
  backgroundColor: "#06472a",
  functions: [
    IncidentActionFunction,
    TriggerIncidentFunction,
    WhoIsOnCallFunction,
    ConnectChannelFunction,
    LinkAccountFunction,
    UnlinkAccountFunction,
    InviteUserFunction,
    HelpFunction,
    SetUpPagerslackFunction,
    SaveNotificationsFunction,
  ],
  workflows: [
    IncidentActionWorkflow,
    TriggerIncidentWorkflow,
    WhoIsOnCallWorkflow,
    ConnectChannelWorkflow,
    LinkAccountWorkflow,
    UnlinkAccountWorkflow,
    InviteUserWorkflow,
    HelpWorkflow,
    SetUpPagerslackWorkflow,
    MyNotificationsWorkflow,
  ],
  datastores: [UserLinksDatastore],
  outgoingDomains: outgoingDomains(deployConfig),
  externalAuthProviders: [
    pagerDutyOAuthProvider({
      region: deployConfig.pagerDutyRegion,
      apiUrl: deployConfig.pagerDutyApiUrl,
      clientId: pagerDutyOAuthClientId(deployEnv),
    }),
  ],
  botScopes: BOT_SCOPES,
});
