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
} as const;

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
