// `smoke`'s results: one row per step, ✓ or ✗, with the service's own error and what to do about it. The table is
// what an installer pastes back to the project when a step fails, so each row stands alone on one line.

export interface SmokeStep {
  name: string;
  ok: boolean;
  /** What happened; for a failure, Slack's or PagerDuty's own error code or message, quoted as it came. */
  detail: string;
  /** For a failure: what the installer can do about it. */
  fix?: string;
}

export const passed = (name: string, detail: string): SmokeStep => ({
  name,
  ok: true,
  detail,
});

export const failed = (
  name: string,
  detail: string,
  fix?: string,
): SmokeStep =>
  fix === undefined
    ? { name, ok: false, detail }
    : { name, ok: false, detail, fix };

/** A step that could not run because an earlier one failed: it is not a pass (exit 0 means every step ran). */
export const skipped = (name: string, because: string): SmokeStep =>
  failed(name, `not run: ${because}`);

/** One line per step, names aligned: `✓ slack: bot token   works: @pagerslack in Acme`. */
export function formatSmokeTable(steps: readonly SmokeStep[]): string {
  const width = Math.max(0, ...steps.map((s) => s.name.length));
  return steps.map((s) => {
    const text = s.ok || !s.fix ? s.detail : `${s.detail}. Fix: ${s.fix}`;
    return `${s.ok ? "✓" : "✗"} ${s.name.padEnd(width)}  ${
      text.replace(/\s*\n\s*/g, " ")
    }`;
  }).join("\n");
}
