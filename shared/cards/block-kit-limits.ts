// Block Kit limits Slack enforces (answering `invalid_blocks`), in one table, and a checker the renderers'
// tests and the Slack simulator can share. Source: Slack's Block Kit reference, as summarised in apis.md.
import type { Block, TextObject } from "./block-kit.ts";

export const BLOCK_KIT_LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  blockId: 255,
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
