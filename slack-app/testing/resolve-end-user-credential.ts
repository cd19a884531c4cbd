import type { WorkflowLike } from "../../test/simulators/slack/run-workflow.ts";

/**
 * Slack replaces a step input `{credential_source: "END_USER"}` with the external token id of the user running
 * the workflow (after asking them to connect, on first use). The simulator's runner does not, so tests run the
 * workflow through this wrapper; `tokenIdFor` answers the id Slack would hand over (undefined: the user never
 * connected, and the input is left out).
 */
export function resolveEndUserCredential(
  workflow: WorkflowLike,
  tokenIdFor: () => string | undefined,
): WorkflowLike {
  return {
    definition: workflow.definition,
    export() {
      const exported = workflow.export();
      return {
        ...exported,
        steps: exported.steps.map((step) => ({
          ...step,
          inputs: Object.fromEntries(
            Object.entries(step.inputs).flatMap(([name, value]) => {
              if (!isEndUserCredential(value)) return [[name, value]];
              const id = tokenIdFor();
              return id === undefined ? [] : [[name, id]];
            }),
          ),
        })),
      };
    },
  };
}

function isEndUserCredential(value: unknown): boolean {
  return typeof value === "object" && value !== null &&
    (value as { credential_source?: unknown }).credential_source === "END_USER";
}
