import type { SlackWorkspaceControl as SlackSimulator } from "./start-slack-simulator.ts";

/** Scopes of the bridge's classic bot (bridge/manifest) and of the hosted app's bot. */
const BRIDGE_BOT_SCOPES = [
  "chat:write",
  "chat:write.public",
  "channels:read",
  "groups:read",
  "channels:manage",
  "groups:write",
  "channels:join",
  "channels:history",
  "groups:history",
  "im:write",
  "im:history",
  "users:read",
  "users:read.email",
  "usergroups:read",
  "usergroups:write",
] as const;

const HOSTED_APP_SCOPES = [
  "chat:write",
  "chat:write.public",
  "channels:read",
  "users:read",
  "datastore:read",
  "datastore:write",
  "triggers:read",
  "triggers:write",
  "bookmarks:read",
  "bookmarks:write",
] as const;

export interface SeededWorkspace {
  alice: string;
  bob: string;
  carol: string;
  /** Public, the bridge bot is a member. */
  incidents: string;
  /** Public, nobody from the apps joined. */
  general: string;
  /** Private, the bridge bot is a member. */
  secretOps: string;
  /** Private, without any bot. */
  hr: string;
  bridgeToken: string;
  bridgeBotUser: string;
  hostedToken: string;
  aliceToken: string;
  hostedAppId: string;
}

/** A small workspace most tests start from: three people, four channels, the two apps' tokens. */
export function seedWorkspace(sim: SlackSimulator): SeededWorkspace {
  const alice = sim.createUser({
    name: "alice",
    email: "alice@example.com",
    isAdmin: true,
  }).id;
  const bob = sim.createUser({ name: "bob", email: "bob@example.com" }).id;
  const carol =
    sim.createUser({ name: "carol", email: "carol@example.com" }).id;
  const bridge = sim.createToken({
    kind: "bot",
    appId: "A0BRIDGE01",
    scopes: BRIDGE_BOT_SCOPES,
    botName: "pagerslack",
  });
  const hostedAppId = "A0HOSTED01";
  sim.createHostedApp({ appId: hostedAppId });
  const hosted = sim.createToken({
    kind: "hosted_app",
    appId: hostedAppId,
    scopes: HOSTED_APP_SCOPES,
    botName: "pagerslack-app",
  });
  const aliceToken = sim.createToken({
    kind: "user",
    userId: alice,
    appId: "A0BRIDGE01",
    scopes: ["chat:write", "channels:read"],
  });
  const incidents = sim.createChannel({
    name: "incidents",
    members: [alice, bob, bridge.userId, hosted.userId],
  }).id;
  const general =
    sim.createChannel({ name: "general", members: [alice, bob, carol] }).id;
  const secretOps = sim.createChannel({
    name: "secret-ops",
    isPrivate: true,
    members: [alice, bridge.userId],
  }).id;
  const hr =
    sim.createChannel({ name: "hr", isPrivate: true, members: [carol] }).id;
  return {
    alice,
    bob,
    carol,
    incidents,
    general,
    secretOps,
    hr,
    bridgeToken: bridge.token,
    bridgeBotUser: bridge.userId,
    hostedToken: hosted.token,
    aliceToken: aliceToken.token,
    hostedAppId,
  };
}
