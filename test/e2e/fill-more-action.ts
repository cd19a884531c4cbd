import type { WorkflowRun } from "../simulators/slack/run-workflow.ts";
import { submitView } from "../slack-app/submit-view.ts";

/** Form answers by field (the "More actions" forms use block_id = action_id = field name). */
export type MoreActionAnswers = Record<string, Record<string, unknown>>;

export const answer = {
  text: (value: string) => ({ type: "plain_text_input", value }),
  choice: (value: string) => ({
    type: "static_select",
    selected_option: { value },
  }),
  choices: (values: string[]) => ({
    type: "multi_static_select",
    selected_options: values.map((value) => ({ value })),
  }),
  radio: (value: string) => ({
    type: "radio_buttons",
    selected_option: { value },
  }),
};

/**
 * After a "More actions…" click: picks `kind` in the menu, fills the form it opens and submits it, as a
 * person does. Returns the run once the function has finished (or is waiting again).
 */
export async function fillMoreAction(
  run: WorkflowRun,
  kind: string,
  answers: MoreActionAnswers,
): Promise<WorkflowRun> {
  const menu = run.openViews().at(-1)?.view;
  if (menu?.callback_id !== "more_actions") {
    throw new Error(
      `expected the "More actions" menu to be open, found ${
        String(menu?.callback_id ?? "no view")
      } (run ${run.status}${run.error ? `: ${run.error}` : ""})`,
    );
  }
  await run.clickBlockAction({ actionId: "more_choose", value: kind });
  const values = Object.fromEntries(
    Object.entries(answers).map(([field, v]) => [field, { [field]: v }]),
  );
  return (await submitView(run, { values })).run;
}
