import { afterAll, beforeAll } from "vitest";
import {
  type Stack,
  startStack,
  type StartStackOptions,
} from "./start-stack.ts";

/**
 * One stack per test file, as `useAppHarness` does for the app harness: started before the file's first test,
 * closed after its last. `ready` receives it (and may link people or connect channels before the tests run),
 * so tests keep a plain `s` variable: `let s: Stack; useStack((started) => (s = started));`.
 */
export function useStack(
  ready: (stack: Stack) => unknown,
  options: StartStackOptions = {},
): void {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack(options);
    await ready(stack);
  });
  afterAll(async () => {
    await stack?.close();
  });
}
