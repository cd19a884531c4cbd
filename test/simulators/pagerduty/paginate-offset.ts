// Classic offset pagination of PagerDuty list endpoints: `limit` (default 25, max 100), `offset`, `more`, and
// `total` only when `total=true` (null otherwise, "to provide the fastest possible response times").

import { PagerDutyError } from "./pagerduty-error.ts";

export interface OffsetPage<T> {
  items: T[];
  limit: number;
  offset: number;
  more: boolean;
  total: number | null;
}

const MAX_LIMIT = 100;
const MAX_WINDOW = 10_000;

export function paginateOffset<T>(
  items: readonly T[],
  query: { limit?: string; offset?: string; total?: string },
  defaultLimit = 25,
): OffsetPage<T> {
  const limit = parseNonNegativeInt(query.limit, "limit") ?? defaultLimit;
  const offset = parseNonNegativeInt(query.offset, "offset") ?? 0;
  // PagerDuty caps silently rather than failing when limit is over the maximum.
  const effectiveLimit = Math.min(
    limit === 0 ? defaultLimit : limit,
    MAX_LIMIT,
  );
  if (offset + effectiveLimit > MAX_WINDOW) {
    throw new PagerDutyError("invalidInput", [
      "Offset+limit exceeds maximum allowed value of 10000. Please try to refine your search to reduce the returned set of records below this number, like adding a date range.",
    ]);
  }
  const page = items.slice(offset, offset + effectiveLimit);
  return {
    items: page,
    limit: effectiveLimit,
    offset,
    more: offset + page.length < items.length,
    total: query.total === "true" ? items.length : null,
  };
}

function parseNonNegativeInt(
  raw: string | undefined,
  name: string,
): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d+$/.test(raw)) {
    throw new PagerDutyError("invalidInput", [`${name} must be an integer`]);
  }
  return Number(raw);
}
