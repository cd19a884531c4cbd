const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago `since` was, for people: "just now", "5 min", "3 h 20 min", "2 d 4 h". */
export function formatAge(since: string | Date, now: Date): string {
  const start = typeof since === "string" ? Date.parse(since) : since.getTime();
  const ms = now.getTime() - start;
  if (Number.isNaN(ms)) return "unknown";
  if (ms < MINUTE) return "just now";
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) {
    const h = Math.floor(ms / HOUR);
    const min = Math.floor((ms % HOUR) / MINUTE);
    return min === 0 ? `${h} h` : `${h} h ${min} min`;
  }
  const d = Math.floor(ms / DAY);
  const h = Math.floor((ms % DAY) / HOUR);
  return h === 0 ? `${d} d` : `${d} d ${h} h`;
}
