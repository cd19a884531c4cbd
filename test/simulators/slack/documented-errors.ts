import { readdirSync, readFileSync } from "node:fs";

/**
 * Error codes each Web API method documents, read from the method pages copied into `methods/`
 * (slack-ruby/slack-api-ref `methods/**`, 2026-08-20). The simulator refuses to answer with any other code, so a
 * test can never pass against an error the real API would not send.
 */
const methodsDir = new URL("./methods/", import.meta.url);

/**
 * Slack answers these from every method, but slack-api-ref lists them only on some pages (`invalid_auth` is
 * missing from chat.postMessage, for one). Kept as short as possible.
 */
export const PLATFORM_ERRORS: readonly string[] = ["invalid_auth"];

let cache: Map<string, ReadonlySet<string>> | undefined;

export function documentedErrors(): Map<string, ReadonlySet<string>> {
  if (cache) return cache;
  const table = new Map<string, ReadonlySet<string>>();
  for (const file of readdirSync(methodsDir)) {
    if (!file.endsWith(".json")) continue;
    const page = JSON.parse(
      readFileSync(new URL(file, methodsDir), "utf8"),
    ) as {
      name: string;
      errors?: Record<string, string>;
      response?: { examples?: string[] };
    };
    const codes = new Set(Object.keys(page.errors ?? {}));
    // The pages' example responses count too: views.open shows `invalid_arguments` only there.
    for (const example of page.response?.examples ?? []) {
      for (const m of example.matchAll(/"error":\s*"([a-z_]+)"/g)) {
        if (m[1]) codes.add(m[1]);
      }
    }
    table.set(page.name, codes);
  }
  cache = table;
  return table;
}

export function isDocumentedError(method: string, error: string): boolean {
  if (PLATFORM_ERRORS.includes(error)) return true;
  return documentedErrors().get(method)?.has(error) ?? false;
}
