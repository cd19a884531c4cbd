// Webhook data is only as well-typed as the sender made it: a field that should hold a PagerDuty reference may
// hold null, a string or anything else. These read such a field into a value of the declared type, so what the
// reducer stores and the cards render never depends on the payload's shape.
import type { Reference } from "../pagerduty/webhook-event.ts";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * `value` as a reference (a fresh object with only the known fields), or null when it is not one: a
 * reference needs a non-empty string `id`. Fields of the wrong type are left out rather than kept.
 */
export function asReference(value: unknown): Reference | null {
  if (!isRecord(value)) return null;
  const { id, type, summary, self, html_url } = value;
  if (typeof id !== "string" || id === "") return null;
  const reference: Reference = {
    id,
    type: typeof type === "string" ? type : "",
  };
  if (typeof summary === "string") reference.summary = summary;
  if (typeof self === "string" || self === null) reference.self = self;
  if (typeof html_url === "string" || html_url === null) {
    reference.html_url = html_url;
  }
  return reference;
}

/** The references in `value` (an array), skipping entries that are not; [] when `value` is no array. */
export function asReferences(value: unknown): Reference[] {
  if (!Array.isArray(value)) return [];
  const references: Reference[] = [];
  for (const entry of value) {
    const reference = asReference(entry);
    if (reference) references.push(reference);
  }
  return references;
}

/** `value` when it is a string, else null (user-written text: a note, a status update, a message). */
export function asText(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
