// A misspelt variable is otherwise silently ignored (`PAGERDUTY_API_TOKN`: no enrichment, no error). Names
// with the bridge's prefixes that it does not read are worth a warning, naming the variable probably meant;
// other names are the rest of the environment (PATH, HOME, the orchestrator's), except near misses of the
// bridge's longer unprefixed names (`DATABSE_URL` would quietly mean the default SQLite file).
import { editDistance } from "./edit-distance.ts";

const BRIDGE_PREFIXES = ["PAGERDUTY_", "SLACK_", "PAGERSLACK_"] as const;

/** Unprefixed names this long are distinctive enough to flag near misses (HOST vs HOME is not). */
const MIN_UNPREFIXED_LENGTH = 8;
const MAX_UNPREFIXED_DISTANCE = 2;

export interface UnknownVariable {
  variable: string;
  /** The known variable nearest to it, when it is near enough to be the one meant. */
  nearest: string | null;
  message: string;
}

function nearestKnown(name: string, known: readonly string[]) {
  let best: { name: string; distance: number } | null = null;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  return best;
}

export function findUnknownVariables(
  env: Record<string, string | undefined>,
  known: readonly string[],
): UnknownVariable[] {
  const knownSet = new Set(known);
  const found: UnknownVariable[] = [];
  for (const name of Object.keys(env).sort()) {
    if (knownSet.has(name)) continue;
    const nearest = nearestKnown(name, known);
    const prefixed = BRIDGE_PREFIXES.some((prefix) => name.startsWith(prefix));
    if (prefixed) {
      // Near enough: at most a third of the name differs (and at least 2 edits are forgiven).
      const meant = nearest &&
          nearest.distance <= Math.max(2, Math.floor(name.length / 3))
        ? nearest.name
        : null;
      const prefix = BRIDGE_PREFIXES.find((p) => name.startsWith(p))!;
      found.push({
        variable: name,
        nearest: meant,
        message: meant
          ? `${name} is not a variable the bridge reads (ignored): did you mean ${meant}?`
          : `${name} is not a variable the bridge reads (ignored); its ${prefix}… variables are ${
            known.filter((k) => k.startsWith(prefix)).join(", ")
          }`,
      });
      continue;
    }
    if (
      nearest && nearest.distance <= MAX_UNPREFIXED_DISTANCE &&
      nearest.name.length >= MIN_UNPREFIXED_LENGTH &&
      !BRIDGE_PREFIXES.some((prefix) => nearest.name.startsWith(prefix))
    ) {
      found.push({
        variable: name,
        nearest: nearest.name,
        message:
          `${name} is not a variable the bridge reads (ignored): did you mean ${nearest.name}?`,
      });
    }
  }
  return found;
}
