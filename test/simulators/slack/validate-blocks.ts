/**
 * Block Kit validation with the limits Slack enforces (shared/cards/block-kit-limits.ts). Each problem is
 * reported the way Slack words `invalid_blocks` details: a message and a JSON pointer.
 */
import { BLOCK_KIT_LIMITS } from "../../../shared/cards/block-kit-limits.ts";

export type BlockSurface = "message" | "modal";

export type BlocksVerdict = { ok: true } | { ok: false; errors: string[] };

type Json = Record<string, unknown>;
type Check = (value: Json, at: string, errors: string[]) => void;

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function textObject(
  value: unknown,
  at: string,
  errors: string[],
  opts: { max: number; plainOnly?: boolean },
): void {
  if (!isObject(value)) {
    errors.push(`must provide an object [json-pointer:${at}]`);
    return;
  }
  const type = value.type;
  if (type !== "plain_text" && type !== "mrkdwn") {
    errors.push(`must be a valid enum value [json-pointer:${at}/type]`);
    return;
  }
  if (opts.plainOnly && type !== "plain_text") {
    errors.push(`must be plain_text [json-pointer:${at}/type]`);
  }
  if (typeof value.text !== "string" || value.text.length === 0) {
    errors.push(`must be more than 0 characters [json-pointer:${at}/text]`);
  } else if (value.text.length > opts.max) {
    errors.push(
      `must be less than ${opts.max + 1} characters [json-pointer:${at}/text]`,
    );
  }
}

function maxLength(
  value: Json,
  key: string,
  max: number,
  at: string,
  errors: string[],
): void {
  const v = value[key];
  if (v === undefined) return;
  if (typeof v !== "string") {
    errors.push(`must be a string [json-pointer:${at}/${key}]`);
  } else if (v.length > max) {
    errors.push(
      `must be less than ${max + 1} characters [json-pointer:${at}/${key}]`,
    );
  }
}

function options(
  value: unknown,
  at: string,
  errors: string[],
  min: number,
  max: number,
): void {
  if (!Array.isArray(value)) {
    errors.push(`must provide an array [json-pointer:${at}]`);
    return;
  }
  if (value.length < min) {
    errors.push(`must provide at least ${min} items [json-pointer:${at}]`);
  }
  if (value.length > max) {
    errors.push(`must provide at most ${max} items [json-pointer:${at}]`);
  }
  value.forEach((option, i) => {
    if (!isObject(option)) {
      errors.push(`must provide an object [json-pointer:${at}/${i}]`);
      return;
    }
    textObject(option.text, `${at}/${i}/text`, errors, {
      max: BLOCK_KIT_LIMITS.optionText,
    });
    maxLength(
      option,
      "value",
      BLOCK_KIT_LIMITS.optionValue,
      `${at}/${i}`,
      errors,
    );
  });
}

const button: Check = (el, at, errors) => {
  textObject(el.text, `${at}/text`, errors, {
    max: BLOCK_KIT_LIMITS.buttonText,
    plainOnly: true,
  });
  maxLength(el, "value", BLOCK_KIT_LIMITS.buttonValue, at, errors);
  maxLength(el, "url", BLOCK_KIT_LIMITS.url, at, errors);
  style(el, at, errors);
};

function style(el: Json, at: string, errors: string[]): void {
  if (
    el.style !== undefined && el.style !== "primary" && el.style !== "danger"
  ) {
    errors.push(`must be a valid enum value [json-pointer:${at}/style]`);
  }
}

const WORKFLOW_BUTTON_KEYS = new Set([
  "type",
  "text",
  "workflow",
  "style",
  "action_id",
  "accessibility_label",
]);

const workflowButton: Check = (el, at, errors) => {
  for (const key of Object.keys(el)) {
    if (!WORKFLOW_BUTTON_KEYS.has(key)) {
      errors.push(`invalid additional property: ${key} [json-pointer:${at}]`);
    }
  }
  textObject(el.text, `${at}/text`, errors, {
    max: BLOCK_KIT_LIMITS.buttonText,
    plainOnly: true,
  });
  style(el, at, errors);
  const workflow = el.workflow;
  const trigger = isObject(workflow) ? workflow.trigger : undefined;
  if (!isObject(trigger)) {
    errors.push(`must provide an object [json-pointer:${at}/workflow/trigger]`);
    return;
  }
  if (typeof trigger.url !== "string" || !/^https?:\/\//.test(trigger.url)) {
    errors.push(
      `must be a valid url [json-pointer:${at}/workflow/trigger/url]`,
    );
  }
  const params = trigger.customizable_input_parameters;
  if (params === undefined) return;
  if (!Array.isArray(params)) {
    errors.push(
      `must provide an array [json-pointer:${at}/workflow/trigger/customizable_input_parameters]`,
    );
    return;
  }
  params.forEach((p, i) => {
    if (
      !isObject(p) || typeof p.name !== "string" || typeof p.value !== "string"
    ) {
      errors.push(
        `must provide name and value strings [json-pointer:${at}/workflow/trigger/customizable_input_parameters/${i}]`,
      );
    }
  });
};

const overflow: Check = (el, at, errors) =>
  options(
    el.options,
    `${at}/options`,
    errors,
    BLOCK_KIT_LIMITS.overflowOptionsMin,
    BLOCK_KIT_LIMITS.overflowOptionsMax,
  );

const staticSelect: Check = (el, at, errors) => {
  if (el.options === undefined && el.option_groups === undefined) {
    errors.push(`must provide options or option_groups [json-pointer:${at}]`);
  } else if (el.options !== undefined) {
    options(
      el.options,
      `${at}/options`,
      errors,
      1,
      BLOCK_KIT_LIMITS.selectOptions,
    );
  }
};

const noCheck: Check = () => {};

/** Interactive elements by type; anything else is refused as Slack does. */
const ELEMENTS: Readonly<Record<string, Check>> = {
  button,
  workflow_button: workflowButton,
  overflow,
  static_select: staticSelect,
  multi_static_select: staticSelect,
  users_select: noCheck,
  multi_users_select: noCheck,
  conversations_select: noCheck,
  multi_conversations_select: noCheck,
  channels_select: noCheck,
  multi_channels_select: noCheck,
  external_select: noCheck,
  datepicker: noCheck,
  timepicker: noCheck,
  datetimepicker: noCheck,
  checkboxes: (el, at, errors) =>
    options(
      el.options,
      `${at}/options`,
      errors,
      1,
      BLOCK_KIT_LIMITS.choiceOptions,
    ),
  radio_buttons: (el, at, errors) =>
    options(
      el.options,
      `${at}/options`,
      errors,
      1,
      BLOCK_KIT_LIMITS.choiceOptions,
    ),
  plain_text_input: noCheck,
  number_input: noCheck,
  email_text_input: noCheck,
  url_text_input: noCheck,
  rich_text_input: noCheck,
  image: (el, at, errors) => {
    if (typeof el.alt_text !== "string") {
      errors.push(`must provide a string [json-pointer:${at}/alt_text]`);
    }
  },
};

const INPUT_ONLY = new Set([
  "plain_text_input",
  "number_input",
  "email_text_input",
  "url_text_input",
  "rich_text_input",
]);

function element(
  value: unknown,
  at: string,
  errors: string[],
  allowed: (type: string) => boolean,
): void {
  if (!isObject(value) || typeof value.type !== "string") {
    errors.push(`must provide an object with a type [json-pointer:${at}]`);
    return;
  }
  const check = ELEMENTS[value.type];
  if (!check || !allowed(value.type)) {
    errors.push(`unsupported type: ${value.type} [json-pointer:${at}/type]`);
    return;
  }
  maxLength(value, "action_id", BLOCK_KIT_LIMITS.actionId, at, errors);
  check(value, at, errors);
}

function elementList(
  value: unknown,
  at: string,
  errors: string[],
  max: number,
): value is unknown[] {
  if (!Array.isArray(value) || value.length === 0) {
    errors.push(`must provide at least 1 item [json-pointer:${at}]`);
    return false;
  }
  if (value.length > max) {
    errors.push(`must provide at most ${max} items [json-pointer:${at}]`);
  }
  return true;
}

const BLOCKS: Readonly<Record<string, Check>> = {
  section: (block, at, errors) => {
    if (block.text === undefined && block.fields === undefined) {
      errors.push(`must provide text or fields [json-pointer:${at}]`);
    }
    if (block.text !== undefined) {
      textObject(block.text, `${at}/text`, errors, {
        max: BLOCK_KIT_LIMITS.sectionText,
      });
    }
    if (block.fields !== undefined) {
      if (
        elementList(
          block.fields,
          `${at}/fields`,
          errors,
          BLOCK_KIT_LIMITS.sectionFields,
        )
      ) {
        block.fields.forEach((f, i) =>
          textObject(f, `${at}/fields/${i}`, errors, {
            max: BLOCK_KIT_LIMITS.sectionFieldText,
          })
        );
      }
    }
    if (block.accessory !== undefined) {
      element(
        block.accessory,
        `${at}/accessory`,
        errors,
        (t) => !INPUT_ONLY.has(t),
      );
    }
  },
  header: (block, at, errors) =>
    textObject(block.text, `${at}/text`, errors, {
      max: BLOCK_KIT_LIMITS.headerText,
      plainOnly: true,
    }),
  context: (block, at, errors) => {
    const list = block.elements;
    if (
      !elementList(
        list,
        `${at}/elements`,
        errors,
        BLOCK_KIT_LIMITS.contextElements,
      )
    ) return;
    list.forEach((el, i) => {
      const where = `${at}/elements/${i}`;
      if (isObject(el) && el.type === "image") {
        element(el, where, errors, () => true);
      } else {
        textObject(el, where, errors, { max: BLOCK_KIT_LIMITS.sectionText });
      }
    });
  },
  actions: (block, at, errors) => {
    const list = block.elements;
    if (
      !elementList(
        list,
        `${at}/elements`,
        errors,
        BLOCK_KIT_LIMITS.actionsElements,
      )
    ) return;
    list.forEach((el, i) =>
      element(
        el,
        `${at}/elements/${i}`,
        errors,
        (t) => !INPUT_ONLY.has(t) && t !== "image",
      )
    );
  },
  divider: noCheck,
  image: (block, at, errors) => {
    if (typeof block.image_url !== "string" && !isObject(block.slack_file)) {
      errors.push(`must provide image_url [json-pointer:${at}]`);
    }
    if (typeof block.alt_text !== "string") {
      errors.push(`must provide a string [json-pointer:${at}/alt_text]`);
    }
  },
  input: (block, at, errors) => {
    textObject(block.label, `${at}/label`, errors, {
      max: BLOCK_KIT_LIMITS.inputLabel,
      plainOnly: true,
    });
    element(block.element, `${at}/element`, errors, (t) => t !== "image");
  },
  rich_text: (block, at, errors) => {
    if (!Array.isArray(block.elements)) {
      errors.push(`must provide an array [json-pointer:${at}/elements]`);
    }
  },
};

export function validateBlocks(
  blocks: unknown,
  surface: BlockSurface = "message",
): BlocksVerdict {
  const errors: string[] = [];
  if (!Array.isArray(blocks)) {
    return { ok: false, errors: ["must provide an array [json-pointer:/]"] };
  }
  const max = surface === "message"
    ? BLOCK_KIT_LIMITS.blocksPerMessage
    : BLOCK_KIT_LIMITS.blocksPerModal;
  if (blocks.length > max) {
    errors.push(`must provide at most ${max} items [json-pointer:/]`);
  }
  blocks.forEach((block, i) => {
    const at = `/${i}`;
    if (!isObject(block) || typeof block.type !== "string") {
      errors.push(`must provide an object with a type [json-pointer:${at}]`);
      return;
    }
    const check = BLOCKS[block.type];
    if (!check) {
      errors.push(`unsupported type: ${block.type} [json-pointer:${at}/type]`);
      return;
    }
    maxLength(block, "block_id", BLOCK_KIT_LIMITS.blockId, at, errors);
    check(block, at, errors);
  });
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
