import type { SlackAPIClient } from "deno-slack-api/types.ts";

/**
 * Slack waits about 10 s for a hosted function's view submission handler; a later answer is dropped and the
 * modal shows "We had some trouble connecting. Try again?" (https://github.com/slackapi/deno-slack-sdk/issues/325),
 * inviting a second submission of work already done (a second incident). A submission whose work calls PagerDuty
 * therefore answers at once (the modal closes) and completes the function when the work is done: the function
 * stays running meanwhile, as after `{completed: false}`. `work` reports to the user itself (ephemeral messages);
 * its outputs complete the function, and an error it throws fails it, so the workflow's later steps do not run.
 */
export function completeLater(
  client: SlackAPIClient,
  functionExecutionId: string,
  work: () => Promise<Record<string, unknown>>,
): void {
  void work().then(
    (outputs) =>
      client.functions.completeSuccess({
        function_execution_id: functionExecutionId,
        outputs,
      }),
    (error: unknown) =>
      client.functions.completeError({
        function_execution_id: functionExecutionId,
        error: error instanceof Error ? error.message : String(error),
      }),
  ).catch((error: unknown) => {
    // Nobody is left to answer: the run shows as still running in Slack's activity log, and so does this line.
    console.error(
      `completing function execution ${functionExecutionId} failed: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  });
}
