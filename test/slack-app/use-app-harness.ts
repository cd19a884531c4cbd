import { afterAll, beforeAll } from "./bdd.ts";
import { type AppHarness, startAppHarness } from "./start-app-harness.ts";

/**
 * One harness per test file: started before the file's first test, closed after its last. `ready` receives it,
 * so tests keep a plain `h` variable: `let h: AppHarness; useAppHarness((started) => (h = started));`.
 */
export function useAppHarness(ready: (harness: AppHarness) => void): void {
  let harness: AppHarness | undefined;
  beforeAll(async () => {
    harness = await startAppHarness();
    ready(harness);
  });
  afterAll(async () => {
    await harness?.close();
  });
}
