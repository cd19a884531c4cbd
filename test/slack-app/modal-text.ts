import type { WorkflowRun } from "../simulators/slack/run-workflow.ts";

/** What the person reads in the run's newest open modal: its section and context texts, one a line. */
export function modalText(run: WorkflowRun): string {
  const view = run.openViews().at(-1);
  if (!view) return "";
  const blocks = Array.isArray(view.view.blocks) ? view.view.blocks : [];
  return (blocks as { text?: { text?: string }; elements?: unknown[] }[])
    .flatMap((b) => [
      b.text?.text,
      ...(b.elements ?? []).map((e) => (e as { text?: string }).text),
    ])
    .filter((t): t is string => typeof t === "string")
    .join("\n");
}
