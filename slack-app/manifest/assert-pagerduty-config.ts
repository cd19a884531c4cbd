import type { AppConfig } from "../config/read-app-config.ts";

/** The deploy-time settings contradict each other; the message lists every problem and how to fix it. */
export class PagerDutyConfigError extends Error {
  override readonly name = "PagerDutyConfigError";
  constructor(readonly problems: string[]) {
    super(`pagerslack manifest: ${problems.join(" ")}`);
  }
}

/** Throws `PagerDutyConfigError` when the configuration has problems (manifest time: better no deploy than a wrong one). */
export function assertPagerDutyConfig(config: AppConfig): void {
  if (config.problems.length) throw new PagerDutyConfigError(config.problems);
}
