import type { Context } from "hono";
import * as v from "valibot";
import type { ApiError } from "../../shared/bridge-api/bridge-api-schemas.ts";
import { parseJson } from "../http/parse-json.ts";
import { type BodyProblem, bodyProblems } from "./to-valibot.ts";

export type ReadBodyResult<T> =
  | { ok: true; value: T }
  | { ok: false; problems: BodyProblem[] };

/**
 * A JSON body validated by `schema`, or every problem with it at once (a form fixed once, not field by field).
 * `extra` adds problems that depend on more than the body (the path's id).
 */
export async function readBody<T>(
  c: Context,
  schema: v.GenericSchema<unknown, T>,
  extra: (value: unknown) => BodyProblem[] = () => [],
): Promise<ReadBodyResult<T>> {
  if (!/^application\/json/i.test(c.req.header("content-type") ?? "")) {
    return {
      ok: false,
      problems: [{ field: "body", problem: "must be a JSON object" }],
    };
  }
  // parseJson, not c.req.json(): the problem says where the body is broken without quoting it back.
  const json = parseJson(await c.req.text());
  if (!json.ok) {
    return {
      ok: false,
      problems: [{
        field: "body",
        problem: `is not valid JSON: ${json.problem}`,
      }],
    };
  }
  const parsed = v.safeParse(schema, json.value);
  const problems = [
    ...extra(json.value),
    ...(parsed.success ? [] : bodyProblems(parsed.issues)),
  ];
  return parsed.success && problems.length === 0
    ? { ok: true, value: parsed.output }
    : { ok: false, problems };
}

/** 400 naming the first field (what the hosted app shows) and listing every problem. */
export const badRequest = (c: Context, problems: readonly BodyProblem[]) =>
  c.json(
    {
      error: problems.map((p) => `${p.field} ${p.problem}`).join("; "),
      field: problems[0]?.field,
      problems: [...problems],
    } satisfies ApiError,
    400,
  );

/**
 * The raw body as text, read chunk by chunk and abandoned once it passes `maxBytes` (a declared Content-Length
 * over the limit is refused before reading): `c.req.text()` would buffer a chunked upload of any size. For
 * routes outside the API's `limitBody` middleware (POST /login).
 */
export async function readBoundedText(
  c: Context,
  maxBytes: number,
): Promise<{ ok: true; text: string } | { ok: false; tooLarge: true }> {
  const declared = c.req.header("content-length");
  if (declared !== undefined && !(Number(declared) <= maxBytes)) {
    return { ok: false, tooLarge: true };
  }
  const body = c.req.raw.body;
  if (!body) return { ok: true, text: "" };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false, tooLarge: true };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}
