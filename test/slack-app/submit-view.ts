import type {
  SubmitOptions,
  WorkflowRun,
} from "../simulators/slack/run-workflow.ts";

/**
 * The user submits the run's modal, and the test waits for what the person then sees: handlers answer at once
 * and finish their PagerDuty work after (slack-app/functions/complete-later.ts), so unless the answer keeps the
 * modal open (`response_action: "errors"`), this also waits until the run is over.
 */
export async function submitView(
  run: WorkflowRun,
  options: SubmitOptions,
): Promise<{ response: unknown; run: WorkflowRun; late: boolean }> {
  const submitted = await run.submitView(options);
  const keepsModal =
    (submitted.response as { response_action?: string } | undefined)
      ?.response_action === "errors";
  if (keepsModal || submitted.late) return submitted;
  return { ...submitted, run: await submitted.run.whenFinished() };
}
