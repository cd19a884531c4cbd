// The node flags the container starts the bridge with: the Dockerfile's CMD is the one place they are written,
// and the benchmark starts its bridge with the same ones, so that what it measures is what runs.
import { readFileSync } from "node:fs";

const DOCKERFILE = new URL("../../Dockerfile", import.meta.url);
const ENTRY = "dist/bridge/main.js";

/** The flags between `node` and the entry point of the last exec-form `CMD` of a Dockerfile. */
export function containerNodeFlags(
  dockerfile: string = readFileSync(DOCKERFILE, "utf8"),
): string[] {
  const lines = dockerfile.split("\n").filter((l) => /^CMD\s/.test(l));
  const last = lines.at(-1);
  if (!last) throw new Error("the Dockerfile has no CMD");
  let command: unknown;
  try {
    command = JSON.parse(last.replace(/^CMD\s+/, ""));
  } catch {
    throw new Error(`the Dockerfile's CMD is not in exec form: ${last}`);
  }
  if (
    !Array.isArray(command) ||
    command[0] !== "node" ||
    command.at(-1) !== ENTRY ||
    !command.every((part) => typeof part === "string")
  ) {
    throw new Error(
      `the Dockerfile's CMD does not run node … ${ENTRY}: ${last}`,
    );
  }
  return command.slice(1, -1) as string[];
}
