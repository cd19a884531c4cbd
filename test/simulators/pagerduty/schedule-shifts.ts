// The final schedule's shifts over a window: the explicit shifts plus the turns of the rotation layers, the
// later layer winning where layers overlap, consecutive turns of one person joined into one shift (as
// PagerDuty's on-call entries show one `start`/`end` per continuous on-call, not one per turn).
import type {
  SimSchedule,
  SimScheduleLayer,
  SimShift,
} from "./simulator-state.ts";

/** How many turns beyond the window are looked at, so a shift that began or ends outside it keeps its times. */
const MARGIN_TURNS = 50;

interface Turn {
  userId: string;
  startMs: number;
  endMs: number;
}

function layerTurns(layer: SimScheduleLayer, fromMs: number, toMs: number) {
  const lengthMs = layer.rotationTurnLengthSeconds * 1000;
  const startMs = Date.parse(layer.start);
  const stopMs = layer.end ? Date.parse(layer.end) : Infinity;
  if (lengthMs <= 0 || layer.userIds.length === 0) return [];
  const turns: Turn[] = [];
  const first = Math.max(0, Math.floor((fromMs - startMs) / lengthMs));
  for (let k = first;; k++) {
    const turnStart = startMs + k * lengthMs;
    if (turnStart >= toMs || turnStart >= stopMs) break;
    turns.push({
      userId: layer.userIds[k % layer.userIds.length]!,
      startMs: turnStart,
      endMs: Math.min(turnStart + lengthMs, stopMs),
    });
  }
  return turns;
}

/** The top layer's person at each moment of [fromMs, toMs), joined into shifts. */
function composeLayers(
  layers: SimScheduleLayer[],
  fromMs: number,
  toMs: number,
) {
  const perLayer = layers.map((l) => layerTurns(l, fromMs, toMs));
  const cuts = [
    ...new Set(perLayer.flat().flatMap((t) => [t.startMs, t.endMs])),
  ].sort((a, b) => a - b);
  const shifts: Turn[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i]!, cuts[i + 1]!];
    let who: string | undefined;
    for (const turns of perLayer) {
      const turn = turns.find((t) => t.startMs <= a && t.endMs >= b);
      if (turn) who = turn.userId;
    }
    if (!who) continue;
    const last = shifts.at(-1);
    if (last && last.userId === who && last.endMs === a) last.endMs = b;
    else shifts.push({ userId: who, startMs: a, endMs: b });
  }
  return shifts;
}

/** Shifts that overlap [since, until] (a point in time when they are equal). */
export function scheduleShifts(
  schedule: SimSchedule,
  since: Date,
  until: Date,
): SimShift[] {
  const overlapping = (startMs: number, endMs: number | null) =>
    startMs <= until.getTime() && (endMs === null || endMs > since.getTime());
  const explicit = schedule.shifts.filter((s) =>
    overlapping(Date.parse(s.start), s.end === null ? null : Date.parse(s.end))
  );
  const layers = schedule.layers ?? [];
  if (layers.length === 0) return explicit;
  const margin = MARGIN_TURNS * 1000 *
    Math.max(...layers.map((l) => l.rotationTurnLengthSeconds));
  const composed = composeLayers(
    layers,
    since.getTime() - margin,
    until.getTime() + margin,
  ).filter((t) => overlapping(t.startMs, t.endMs));
  return [
    ...explicit,
    ...composed.map((t) => ({
      userId: t.userId,
      start: new Date(t.startMs).toISOString(),
      end: new Date(t.endMs).toISOString(),
    })),
  ];
}

/** Everyone the schedule may put on call (its shifts' and layers' users). */
export function scheduleUserIds(schedule: SimSchedule): string[] {
  return [
    ...new Set([
      ...schedule.shifts.map((s) => s.userId),
      ...(schedule.layers ?? []).flatMap((l) => l.userIds),
    ]),
  ];
}
