/** A query parameter's value; `undefined` leaves the parameter out. */
export type QueryValue = string | number | boolean | string[] | undefined;

/**
 * `?a=1&name[]=x&name[]=y`, or "" for no parameters: PagerDuty's array parameters use the `name[]=` form
 * (e.g. `schedule_ids[]` on GET /oncalls in its REST API reference). Shared by the hosted app's client and the bridge.
 */
export function toQueryString(
  query: Record<string, QueryValue> | undefined,
): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(`${name}[]`, item);
    } else params.append(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
