import type { IncidentSnapshot } from "../../shared/incident/incident-snapshot.ts";

/** Slack channel names: lowercase letters, digits, hyphens and underscores, at most 80 characters. */
export function channelNameFor(
  incidentId: string,
  snapshot: IncidentSnapshot | null,
): string {
  if (!snapshot) return `inc-${incidentId.toLowerCase()}`.slice(0, 80);
  const slug = snapshot.title.toLowerCase().normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return `inc-${snapshot.number}-${slug}`.slice(0, 80).replace(/-+$/, "");
}
