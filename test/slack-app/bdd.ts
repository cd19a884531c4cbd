// The hosted app's tests run under `deno test` (Slack runs the app on Deno), written as the rest of the suite is:
// describe/it and hooks from Deno's `node:test`, which `deno test` runs as tests and steps, and vitest's `expect`,
// which works outside vitest's runner, so a matcher means the same in both runtimes.
export {
  after as afterAll,
  afterEach,
  before as beforeAll,
  beforeEach,
  describe,
  it,
} from "node:test";
export { expect } from "vitest";
