// What Slack's mrkdwn parser finds in a message: its `<…>` control sequences (links, mentions, special
// commands, dates). Tests use it to assert that hostile PagerDuty text produces none but ours.
// https://api.slack.com/reference/surfaces/formatting#advanced

export type MrkdwnControl =
  | { kind: "link"; url: string; label: string | null }
  | { kind: "user"; id: string }
  | { kind: "channel"; id: string }
  | { kind: "usergroup"; id: string }
  /** `<!here>`, `<!channel>`, `<!everyone>`, `<!group>` and any other `<!…>` command. */
  | { kind: "special"; command: string }
  | { kind: "date"; token: string };

/**
 * The control sequences of one mrkdwn string, in order, read the way Slack reads them: a token runs from
 * `<` to the next `>`; its kind comes from its first characters; a `|` ends the target and starts the label.
 */
export function listMrkdwnControls(text: string): MrkdwnControl[] {
  const controls: MrkdwnControl[] = [];
  for (const [, body = ""] of text.matchAll(/<([^<>]*)>/g)) {
    const bar = body.indexOf("|");
    const target = bar === -1 ? body : body.slice(0, bar);
    const label = bar === -1 ? null : body.slice(bar + 1);
    if (target.startsWith("@")) {
      controls.push({ kind: "user", id: target.slice(1) });
    } else if (target.startsWith("#")) {
      controls.push({ kind: "channel", id: target.slice(1) });
    } else if (target.startsWith("!subteam^")) {
      controls.push({
        kind: "usergroup",
        id: target.slice("!subteam^".length),
      });
    } else if (target.startsWith("!date^")) {
      controls.push({ kind: "date", token: body });
    } else if (target.startsWith("!")) {
      controls.push({ kind: "special", command: target.slice(1) });
    } else {
      controls.push({ kind: "link", url: target, label });
    }
  }
  return controls;
}

/** Every string of a message (or view) that Slack parses as mrkdwn: its top-level `text` and mrkdwn objects. */
function mrkdwnTexts(message: unknown): string[] {
  const texts: string[] = [];
  const visit = (node: unknown, key: string | null): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, null);
      return;
    }
    if (typeof node === "string") {
      // The top-level `text` of a message is mrkdwn (chat.postMessage's `mrkdwn` defaults to true).
      if (key === "text") texts.push(node);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (record.type === "mrkdwn" && typeof record.text === "string") {
      texts.push(record.text);
      return;
    }
    if (record.type === "plain_text") return;
    for (const [k, v] of Object.entries(record)) visit(v, k);
  };
  visit(message, null);
  return texts;
}

/** The controls of every mrkdwn string in `message`. */
export function listMessageControls(message: unknown): MrkdwnControl[] {
  return mrkdwnTexts(message).flatMap(listMrkdwnControls);
}
