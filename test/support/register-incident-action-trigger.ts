// The hosted app's incident-actions link trigger in a Slack simulator, from the app's own definition
// (slack-app/triggers/incident-action-trigger.ts and the workflow it names), as an installer's `slack trigger
// create --trigger-def slack-app/triggers/incident-action-trigger.ts` makes it. The simulator takes a card's
// workflow_buttons only for a trigger that exists, filling only the inputs it declares customizable, so a bridge
// test posting cards with buttons exercises the real definition: rename an input on either side and it fails.
//
// Specifiers are computed on purpose (as in test/e2e/load-hosted-app.ts): the app is Deno-typed code, and tsc on
// the Node side must not follow these imports into it. Under vitest its SDK specifiers resolve through
// vitest.config.ts; under plain Node (tsx: the benchmarks) through registerSlackSdkSpecifiers().
import { registerSlackSdkSpecifiers } from "../../scripts/register-slack-sdk-specifiers.ts";
import type {
  LinkTrigger,
  LinkTriggerDefinitionLike,
  TriggeredWorkflow,
} from "../simulators/slack/link-triggers.ts";
import type { SlackWorkspaceControl as SlackSimulator } from "../simulators/slack/start-slack-simulator.ts";

const ROOT = new URL("../../", import.meta.url);
const TRIGGER_FILE = "slack-app/triggers/incident-action-trigger.ts";
const WORKFLOW_FILE = "slack-app/workflows/incident-action-workflow.ts";

let specifiersRegistered = false;

async function importFromRoot(path: string): Promise<Record<string, unknown>> {
  if (!process.env.VITEST && !specifiersRegistered) {
    registerSlackSdkSpecifiers();
    specifiersRegistered = true;
  }
  return await import(/* @vite-ignore */ new URL(path, ROOT).href) as Record<
    string,
    unknown
  >;
}

function isWorkflow(value: unknown): value is TriggeredWorkflow {
  const v = value as Partial<TriggeredWorkflow> | null;
  return typeof v === "object" && v !== null &&
    typeof v.definition?.callback_id === "string";
}

/** The trigger definition and the workflow it starts, loaded once per process. */
let loaded:
  | Promise<{ trigger: LinkTriggerDefinitionLike; workflow: TriggeredWorkflow }>
  | undefined;

function loadDefinition() {
  loaded ??= (async () => {
    const trigger = (await importFromRoot(TRIGGER_FILE))
      .default as LinkTriggerDefinitionLike;
    const workflows = Object.values(await importFromRoot(WORKFLOW_FILE))
      .filter(isWorkflow);
    const workflow = workflows.find((w) =>
      trigger.workflow === `#/workflows/${w.definition.callback_id}`
    );
    if (!workflow) {
      throw new Error(
        `${TRIGGER_FILE} names ${trigger.workflow}, which ${WORKFLOW_FILE} does not export`,
      );
    }
    return { trigger, workflow };
  })();
  return loaded;
}

/**
 * Registers the incident-actions trigger in `sim` and answers it; `url` is a fixed URL the test configured the
 * bridge with (the simulator assigns one otherwise: give the bridge `trigger.url`).
 */
export async function registerIncidentActionTrigger(
  sim: SlackSimulator,
  options: { url?: string; appId?: string } = {},
): Promise<LinkTrigger> {
  const { trigger, workflow } = await loadDefinition();
  return sim.registerLinkTrigger({ trigger, workflow, ...options });
}
