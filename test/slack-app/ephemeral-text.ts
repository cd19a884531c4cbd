/** What the person who ran a workflow saw in Slack: the texts of the run's ephemeral messages, one a line. */
export function ephemeralText(
  run: { ephemeralMessages(): ReadonlyArray<{ text: string }> },
): string {
  return run.ephemeralMessages().map((m) => m.text).join("\n");
}
