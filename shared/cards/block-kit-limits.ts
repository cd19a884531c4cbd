// Block Kit limits Slack enforces (answering `invalid_blocks`), in one table: the renderers stay within them, their
// tests and the Slack simulator (test/simulators/slack/validate-blocks.ts) check against them. Each limit is
// Slack's reference under https://docs.slack.dev/reference/block-kit/, page named beside it.
import type { Block, TextObject } from "./block-kit.ts";

export const BLOCK_KIT_LIMITS = {
  /** blocks: "up to 50 blocks in each message". */
  blocksPerMessage: 50,
  /** blocks: "up to 100 blocks in modals or Home tabs". */
  blocksPerModal: 100,
  /** blocks/header-block: text. */
  headerText: 150,
  /** blocks/section-block: text. */
  sectionText: 3000,
  /** blocks/section-block: fields. */
  sectionFields: 10,
  /** blocks/section-block: each field's text. */
  sectionFieldText: 2000,
  /** blocks/context-block: elements. */
  contextElements: 10,
  /** composition-objects/text-object: text (context elements are text objects). */
  contextText: 3000,
  /** blocks/actions-block: elements. */
  actionsElements: 25,
  /** block-elements/button-element: text. */
  buttonText: 75,
  /** block-elements/button-element: value. */
  buttonValue: 2000,
  /** block-elements/button-element: url. */
  url: 3000,
  /** Every element's action_id (block-elements/*). */
  actionId: 255,
  /** Every block's block_id (blocks/*). */
  blockId: 255,
  /** block-elements/overflow-menu-element: options, at least and at most. */
  overflowOptionsMin: 2,
  overflowOptionsMax: 5,
  /** block-elements/select-menu-element (static): options. */
  selectOptions: 100,
  /** block-elements/checkboxes-element and radio-button-group-element: options. */
  choiceOptions: 10,
  /** composition-objects/option-object: text. */
  optionText: 75,
  /** composition-objects/option-object: value. */
  optionValue: 150,
  /** blocks/input-block: label. */
  inputLabel: 2000,
  /**
   * Not documented: the summed `text` of a message's blocks past which Slack answers `msg_blocks_too_long`.
   * Observed refusals from 13,172 characters with a divider, 13,297 without (github.com/slackapi/bolt-js/issues/2509),
   * and reports from about 11,300 (github.com/slackapi/bolt-js/issues/2867). The Slack simulator refuses above this;
   * renderers that pack long messages stay under `blocksTextSafe`.
   */
  blocksTextPerMessage: 13_000,
  /** What a renderer packs a long message to: under the lowest refusal reported (bolt-js#2867, ~11,300). */
  blocksTextSafe: 11_000,
} as const;

/**
 * The summed length of every `text` string in `blocks` (text objects, button labels, nested elements): what
 * Slack's undocumented `msg_blocks_too_long` limit counts, as far as bolt-js#2509/#2867 could tell.
 */
export function blocksTextLength(blocks: unknown): number {
  let total = 0;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value)) {
      if (key === "text" && typeof child === "string") total += child.length;
      else walk(child);
    }
  };
  walk(blocks);
  return total;
}

/** Every limit `blocks` break, as readable strings (empty when Slack would accept them). */
export function blockKitViolations(blocks: readonly Block[]): string[] {
  const L = BLOCK_KIT_LIMITS;
  const out: string[] = [];
  const tooLong = (
    where: string,
    text: TextObject | undefined,
    max: number,
  ) => {
    if (text && text.text.length > max) {
      out.push(`${where}: ${text.text.length} chars > ${max}`);
    }
    if (text && text.text.length === 0) out.push(`${where}: empty text`);
  };
  if (blocks.length > L.blocksPerMessage) {
    out.push(`${blocks.length} blocks > ${L.blocksPerMessage}`);
  }
  blocks.forEach((block, i) => {
    const at = `blocks[${i}] (${block.type})`;
    if (block.block_id !== undefined && block.block_id.length > L.blockId) {
      out.push(`${at}: block_id longer than ${L.blockId}`);
    }
    switch (block.type) {
      case "header":
        tooLong(at, block.text, L.headerText);
        break;
      case "section":
        if (!block.text && !block.fields?.length) {
          out.push(`${at}: needs text or fields`);
        }
        tooLong(`${at}.text`, block.text, L.sectionText);
        if ((block.fields?.length ?? 0) > L.sectionFields) {
          out.push(
            `${at}: ${block.fields?.length} fields > ${L.sectionFields}`,
          );
        }
        block.fields?.forEach((f, j) =>
          tooLong(`${at}.fields[${j}]`, f, L.sectionFieldText)
        );
        break;
      case "context":
        if (block.elements.length > L.contextElements) {
          out.push(
            `${at}: ${block.elements.length} elements > ${L.contextElements}`,
          );
        }
        block.elements.forEach((e, j) =>
          tooLong(`${at}.elements[${j}]`, e, L.contextText)
        );
        break;
      case "actions":
        if (block.elements.length > L.actionsElements) {
          out.push(
            `${at}: ${block.elements.length} elements > ${L.actionsElements}`,
          );
        }
        block.elements.forEach((e, j) => {
          tooLong(`${at}.elements[${j}]`, e.text, L.buttonText);
          if (e.action_id !== undefined && e.action_id.length > L.actionId) {
            out.push(
              `${at}.elements[${j}]: action_id longer than ${L.actionId}`,
            );
          }
        });
        break;
      case "divider":
        break;
    }
  });
  return out;
}
