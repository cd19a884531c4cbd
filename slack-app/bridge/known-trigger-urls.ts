import type { KnownTriggerUrls } from "../functions/help/help-text.ts";
import type { BridgeClient } from "./bridge-client.ts";

/**
 * The link trigger URLs "Set up pagerslack" registered with the bridge. The bridge is where setup puts them
 * because its `/pd` answers need them anyway: one registry, no copy in a datastore to drift from it. A bridge that
 * is away gives none (callers then show entries without links, or the `*_TRIGGER_URL` overrides).
 */
export async function knownTriggerUrls(
  bridge: BridgeClient,
): Promise<KnownTriggerUrls> {
  const answer = await bridge.listWorkflowTriggers();
  if (!answer.ok) return {};
  return Object.fromEntries(
    answer.value.triggers.map((t) => [t.name, t.url]),
  ) as KnownTriggerUrls;
}
