// PAGERDUTY_WEBHOOK_SECRETS_FILE: the file `setup --secret-file` writes (one secret per line; commas also
// separate, as in PAGERDUTY_WEBHOOK_SECRETS). The variable can be set when the bridge is first deployed, before
// `setup` has written the file: a file that does not exist yet means "no secret yet", not an error. The file's
// content is never part of a message.
import { readFileSync } from "node:fs";

export type ReadTextFile = (path: string) => string;

export type SecretsFileResult =
  | { kind: "read"; secrets: string[] }
  | { kind: "missing" }
  | { kind: "unreadable"; reason: string };

export const readTextFile: ReadTextFile = (path) => readFileSync(path, "utf8");

export function readSecretsFile(
  path: string,
  readFile: ReadTextFile = readTextFile,
): SecretsFileResult {
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") return { kind: "missing" };
    return {
      kind: "unreadable",
      reason: (error as Error).message ?? String(error),
    };
  }
  return {
    kind: "read",
    secrets: text.split(/[,\n\r]/).map((s) => s.trim()).filter((s) => s !== ""),
  };
}
