/**
 * Joins `items` with `separator`, keeping whole items only, so that the result (with the "and N more"
 * tail) is at most `max` long. Mentions such as `<@U123>` must never be cut in half, hence whole items.
 */
export function joinWithin(
  items: readonly string[],
  max: number,
  { separator = ", ", more = (n: number) => ` and ${n} more` }: {
    separator?: string;
    more?: (hidden: number) => string;
  } = {},
): string {
  const all = items.join(separator);
  if (all.length <= max) return all;
  let out = "";
  for (let shown = 0; shown < items.length; shown++) {
    const next = (shown === 0 ? "" : out + separator) + items[shown];
    const tail = more(items.length - shown - 1);
    if (next.length + (shown === items.length - 1 ? 0 : tail.length) > max) {
      return out + more(items.length - shown);
    }
    out = next;
  }
  return out;
}
