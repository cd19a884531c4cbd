// A message's blocks as a person reads them in Slack, as plain text: for the demo's channel printout and
// for tests that assert what people see rather than JSON shapes.
import type { Block, TextObject } from "./block-kit.ts";

/**
 * Plain text of `blocks`, one line per block (section fields one per line): links show their label,
 * mentions show as `@U123`, entities are decoded, `*bold*` / `_italic_` markers dropped, buttons in
 * brackets. Emoji stay as their `:codes:`.
 */
export function renderCardText(blocks: readonly Block[]): string {
  const lines: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case "header":
        lines.push(readable(block.text));
        break;
      case "section":
        if (block.text) lines.push(readable(block.text));
        for (const field of block.fields ?? []) {
          lines.push(readable(field).replace("\n", ": "));
        }
        break;
      case "context":
        lines.push(block.elements.map(readable).join(" · "));
        break;
      case "actions":
        lines.push(block.elements.map((e) => `[${e.text.text}]`).join(" "));
        break;
      case "divider":
        lines.push("---");
        break;
    }
  }
  return lines.join("\n");
}

function readable(text: TextObject): string {
  if (text.type === "plain_text") return text.text;
  return text.text
    .replace(/<@([A-Z0-9]+)>/g, "@$1")
    .replace(
      /<#([A-Z0-9]+)(?:\|([^>]*))?>/g,
      (_m, id, name) => `#${name || id}`,
    )
    .replace(/<!(here|channel|everyone)>/g, "@$1")
    .replace(/<([^|>]+)\|([^>]*)>/g, "$2")
    .replace(/<([^>]+)>/g, "$1")
    .replace(/(^|[\s(])[*_~]([^*_~\n]+)[*_~](?=$|[\s).,:;!?])/g, "$1$2")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}
