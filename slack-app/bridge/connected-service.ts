import type { BridgeClient } from "./bridge-client.ts";

/** The service a channel is connected to (first service connection), to preselect in forms; best effort. */
export async function connectedServiceId(
  bridge: BridgeClient,
  channelId: string | undefined,
): Promise<string | undefined> {
  if (!channelId) return undefined;
  const r = await bridge.listConnections(channelId);
  if (!r.ok) return undefined;
  return r.value.connections.find((c) => c.source_type === "service")
    ?.source_id;
}
