// The card's buttons and the values the hosted app's "incident actions" workflow receives. The link
// trigger declares the inputs named in CARD_ACTION_INPUTS as `customizable: true`.

export const CARD_ACTIONS = {
  acknowledge: { value: "acknowledge", label: "Acknowledge", style: "primary" },
  resolve: { value: "resolve", label: "Resolve", style: "danger" },
  more: { value: "more", label: "More actions…", style: undefined },
} as const;

export type CardAction = keyof typeof CARD_ACTIONS;

/** Names of the link trigger's customizable inputs the buttons fill. */
export const CARD_ACTION_INPUTS = {
  incidentId: "incident_id",
  action: "action",
  /** Only `/pd note N text` (NOTE_ACTION) and `/pd resolve N text` (RESOLVE_NOW_ACTION) fill it. */
  note: "note",
} as const;

/** The `action` of `/pd note N text`: the note is added at once, no menu. Not a card button. */
export const NOTE_ACTION = "note";

/**
 * The `action` of `/pd resolve N [note]`: resolved in the one click, the note (if any) as its resolution note.
 * Not a card button: a card's Resolve opens a form for an optional note; the command line already had its chance.
 */
export const RESOLVE_NOW_ACTION = "resolve_now";

/**
 * The `action` of a storm digest's "Acknowledge all open" button: `incident_id` then holds the digest's open
 * incident ids, comma-separated (DIGEST_ACK_ALL_MAX_IDS at most), acknowledged with one bulk PUT /incidents.
 */
export const ACK_ALL_ACTION = "acknowledge_all";

/** Most ids one "Acknowledge all open" button carries (PagerDuty's bulk update takes 250 at most). */
export const DIGEST_ACK_ALL_MAX_IDS = 100;

export function isCardAction(value: string): value is CardAction {
  return Object.hasOwn(CARD_ACTIONS, value);
}
