import type {
  BridgeClient,
  BridgeFailure,
} from "../../bridge/bridge-client.ts";
import { APP_ENV } from "../../config/read-app-config.ts";

export type BridgeCheck = { ok: true } | { ok: false; problem: string };

/**
 * Whether the bridge answers this app: GET /api/v1/workflow-triggers with BRIDGE_API_TOKEN. Each failure is a
 * sentence for the admin naming the env variable to fix (`slack env add …`).
 */
export async function checkBridge(
  bridge: BridgeClient,
  bridgeUrl: string | undefined,
): Promise<BridgeCheck> {
  const answer = await bridge.listWorkflowTriggers();
  if (answer.ok) return { ok: true };
  return { ok: false, problem: bridgeProblem(answer.failure, bridgeUrl) };
}

export function bridgeProblem(
  failure: BridgeFailure,
  bridgeUrl: string | undefined,
): string {
  const url = APP_ENV.bridgeUrl;
  const token = APP_ENV.bridgeApiToken;
  switch (failure.kind) {
    case "not_configured":
      return `${url} and ${token} are not both set: \`slack env add ${url} https://…\` and \`slack env add ${token} …\` (one of the bridge's PAGERSLACK_API_TOKENS), then run setup again.`;
    case "unreachable":
      return `the bridge at ${bridgeUrl} did not answer. Check ${url} (\`slack env add ${url} …\`), that the bridge is running, and that ${url} was set when you ran \`slack deploy\` (Slack lets functions reach only the manifest's outgoing domains).`;
    case "unauthorized":
      return `the bridge at ${bridgeUrl} refused ${token}: set it to one of the bridge's PAGERSLACK_API_TOKENS (\`slack env add ${token} …\`).`;
    case "not_found":
      return `${bridgeUrl} answers, but not as a pagerslack bridge (no /api/v1/workflow-triggers): check ${url}.`;
    case "invalid":
      return `the bridge refused the request (${failure.message}).`;
    case "server":
      return `the bridge at ${bridgeUrl} had an error (HTTP ${failure.status}); see its log, then run setup again.`;
  }
}
