import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";
import { createBridgeClient } from "../../bridge/bridge-client.ts";
import { readAppConfig } from "../../config/read-app-config.ts";
import { notifyUser } from "../../messages/notify-user.ts";
import { helpText } from "../help/help-text.ts";
import { bookmarkLinks } from "./bookmark-links.ts";
import { checkBridge } from "./check-bridge.ts";
import { setupReport } from "./setup-report.ts";
import { syncLinkTriggers } from "./sync-link-triggers.ts";

export const SetUpPagerslackFunction = DefineFunction({
  callback_id: "set_up_pagerslack",
  title: "Set up pagerslack",
  description:
    "Creates or updates the app's link triggers, registers them with the bridge and posts the help",
  source_file: "slack-app/functions/set-up-pagerslack/mod.ts",
  input_parameters: {
    properties: {
      user_id: { type: Schema.slack.types.user_id },
      channel_id: { type: Schema.slack.types.channel_id },
      bookmark_channel_id: { type: Schema.slack.types.channel_id },
    },
    required: ["user_id"],
  },
  output_parameters: { properties: {}, required: [] },
});

export default SlackFunction(
  SetUpPagerslackFunction,
  async ({ inputs, client, env, team_id }) => {
    const target = { userId: inputs.user_id, channelId: inputs.channel_id };
    // Slack lets anyone who may run the trigger start the workflow (`slack trigger access` narrows that); the
    // function itself refuses people who are not workspace admins or owners (users.info, users:read).
    const info = await client.users.info({ user: inputs.user_id }).catch(() =>
      undefined
    );
    const user = info?.user as
      | { is_admin?: boolean; is_owner?: boolean }
      | undefined;
    if (!info?.ok || !(user?.is_admin || user?.is_owner)) {
      await notifyUser(
        client,
        target,
        ":lock: Only a Slack workspace admin or owner can set up pagerslack: it creates the app's links for everyone. Ask one of them to run *Set up pagerslack*.",
      );
      return { outputs: {} };
    }
    const config = readAppConfig(env);
    // The links are this workspace's: the bridge keeps one set per workspace, and this workspace's cards get
    // their buttons from its incident_action link.
    const bridge = createBridgeClient({
      baseUrl: config.bridgeUrl,
      token: config.bridgeApiToken,
      ...(team_id ? { teamId: team_id } : {}),
    });
    // Checked first and reported apart: triggers are created even when the bridge is away (run setup again then).
    const bridgeCheck = await checkBridge(bridge, config.bridgeUrl);
    const sync = await syncLinkTriggers(client);
    let registration: { ok: true } | { ok: false; problem: string } | undefined;
    if (sync.ok && bridgeCheck.ok) {
      const triggers = sync.outcomes.flatMap((o) =>
        o.action === "failed" ? [] : [{ name: o.bridgeName, url: o.url }]
      );
      const put = await bridge.putWorkflowTriggers(triggers);
      registration = put.ok ? { ok: true } : {
        ok: false,
        problem: `registering the links failed (${put.failure.kind}).`,
      };
    }
    const bookmarks = sync.ok && inputs.bookmark_channel_id
      ? await bookmarkLinks(client, inputs.bookmark_channel_id, sync.outcomes)
      : undefined;
    const registered = sync.ok
      ? Object.fromEntries(
        sync.outcomes.flatMap((o) =>
          o.action === "failed" ? [] : [[o.bridgeName, o.url]]
        ),
      )
      : {};
    const text = setupReport({
      sync,
      bridge: bridgeCheck,
      registration,
      bookmarks,
      bookmarkChannelId: inputs.bookmark_channel_id,
      help: helpText(env, registered),
    });
    const sent = await notifyUser(client, target, text);
    if (sent.delivered === false) {
      return { error: `Could not report the setup: ${sent.error}` };
    }
    return { outputs: {} };
  },
);
