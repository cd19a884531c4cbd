/**
 * The workspace's link triggers, and the checks Slack makes on the `workflow_button`s that start them.
 *
 * Slack's trigger object reference (https://docs.slack.dev/reference/block-kit/composition-objects/trigger-object/)
 * says of `url`: "A link trigger URL. Must be associated with a valid trigger", and of
 * `customizable_input_parameters`: "Each specified name must match an input parameter defined on the workflow of
 * the provided trigger (url), and the input parameter mapping on the trigger must be set as customizable: true.
 * Each specified value must match the type defined by the workflow input parameter of the matching name."
 * It does not publish the answer to a message that breaks these rules; the nearest documented one is
 * chat.postMessage's / chat.update's / chat.postEphemeral's `invalid_blocks`, so `workflowButtonProblems` words
 * each problem like Slack's schema refusals (a message and a JSON pointer) and chat-methods.ts answers that.
 *
 * Triggers exist because a test registered them (`sim.registerLinkTrigger`, standing for `slack trigger create
 * --trigger-def …`) or an app's function created them with `workflows.triggers.create` (trigger-methods.ts); both
 * land here, so a workflow_button may start either.
 */
import { createHash } from "node:crypto";

/** One input mapping of a trigger definition (`inputs` of a `Trigger<…>`). */
export interface LinkTriggerInput {
  value?: unknown;
  customizable?: boolean;
}

/** What the simulator reads of a `DefineWorkflow(...)` result. */
export interface TriggeredWorkflow {
  definition: {
    callback_id: string;
    input_parameters?: {
      properties?: Readonly<Record<string, { type?: unknown }>>;
      required?: ReadonlyArray<string | number>;
    };
  };
}

/** A trigger definition file's default export (`slack-app/triggers/*.ts`), as `slack trigger create` reads it. */
export interface LinkTriggerDefinitionLike {
  type?: string;
  name?: string;
  description?: string;
  workflow?: string;
  inputs?: Readonly<Record<string, LinkTriggerInput>>;
}

export interface RegisterLinkTriggerOptions {
  /** The workflow the trigger starts (its input parameters decide what buttons may fill). */
  workflow: TriggeredWorkflow;
  /** The trigger definition; its `type` must be `shortcut` and its `workflow` name this workflow. */
  trigger?: LinkTriggerDefinitionLike;
  /** The input mappings, when no whole definition is given. */
  inputs?: Readonly<Record<string, LinkTriggerInput>>;
  /** The hosted app that owns it; defaults to the only hosted app declared. */
  appId?: string;
  /**
   * The URL `slack trigger create` printed for this trigger earlier (a test's fixed configuration); Slack's form,
   * `https://slack.com/shortcuts/Ft…/…`. Assigned by the simulator when omitted.
   */
  url?: string;
}

export interface LinkTrigger {
  /** `Ft…` */
  id: string;
  url: string;
  name: string;
  description: string;
  /** Slack's clock, seconds (the list's `date_created` / `date_updated`). */
  dateCreated?: number;
  dateUpdated?: number;
  appId?: string;
  workflowCallbackId: string;
  /** Input name → its mapping on the trigger. */
  inputs: Readonly<Record<string, LinkTriggerInput>>;
  /** Workflow input name → its declared type (`string`, `slack#/types/user_id`, …). */
  inputTypes: Readonly<Record<string, string>>;
}

/** A registration Slack's CLI would refuse: the test's setup is wrong, not the code under test. */
export class LinkTriggerError extends Error {
  override name = "LinkTriggerError";
}

const TRIGGER_URL =
  /^https:\/\/slack\.com\/shortcuts\/(Ft[0-9A-Z]+)\/[0-9a-z]+$/;

/** Trigger input types whose values a button must spell in a given way; every other type takes any string. */
const VALUE_RULES: Readonly<
  Record<string, { test: (value: string) => boolean; what: string }>
> = {
  number: {
    test: (v) => v.trim() !== "" && Number.isFinite(Number(v)),
    what: "a number",
  },
  integer: { test: (v) => /^-?\d+$/.test(v), what: "an integer" },
  boolean: {
    test: (v) => v === "true" || v === "false",
    what: "true or false",
  },
};

export class LinkTriggers {
  readonly #byUrl = new Map<string, LinkTrigger>();

  register(
    options: RegisterLinkTriggerOptions,
    ids: { nextId: (prefix: string) => string; appId?: string },
  ): LinkTrigger {
    const { workflow, trigger } = options;
    const callbackId = workflow.definition.callback_id;
    const what = `link trigger ${trigger?.name ?? callbackId}`;
    if (trigger?.type !== undefined && trigger.type !== "shortcut") {
      throw new LinkTriggerError(
        `${what} has type ${trigger.type}: only link (shortcut) triggers start from a workflow_button`,
      );
    }
    if (
      trigger?.workflow !== undefined &&
      trigger.workflow !== `#/workflows/${callbackId}`
    ) {
      throw new LinkTriggerError(
        `${what} names ${trigger.workflow}, not the workflow given (${callbackId})`,
      );
    }
    const inputs = trigger?.inputs ?? options.inputs ?? {};
    const properties = workflow.definition.input_parameters?.properties ?? {};
    const unknown = Object.keys(inputs).filter((name) => !(name in properties));
    if (unknown.length > 0) {
      throw new LinkTriggerError(
        `${what} maps ${
          unknown.join(", ")
        }, which workflow ${callbackId} does not declare`,
      );
    }
    let id: string;
    let url: string;
    if (options.url !== undefined) {
      const match = TRIGGER_URL.exec(options.url);
      if (!match?.[1]) {
        throw new LinkTriggerError(
          `${what}: ${options.url} is not a link trigger URL (https://slack.com/shortcuts/Ft…/…)`,
        );
      }
      id = match[1];
      url = options.url;
    } else {
      id = ids.nextId("Ft");
      const secret = createHash("sha256").update(id).digest("hex").slice(0, 32);
      url = `https://slack.com/shortcuts/${id}/${secret}`;
    }
    if (this.#byUrl.has(url)) {
      throw new LinkTriggerError(
        `${what}: a trigger already has the URL ${url}`,
      );
    }
    const registered: LinkTrigger = {
      id,
      url,
      name: trigger?.name ?? callbackId,
      description: trigger?.description ?? "",
      ...(options.appId ?? ids.appId
        ? { appId: options.appId ?? ids.appId }
        : {}),
      workflowCallbackId: callbackId,
      inputs: { ...inputs },
      inputTypes: Object.fromEntries(
        Object.entries(properties).map((
          [name, p],
        ) => [name, typeof p.type === "string" ? p.type : "string"]),
      ),
    };
    this.#byUrl.set(url, registered);
    return registered;
  }

  find(url: string): LinkTrigger | undefined {
    return this.#byUrl.get(url);
  }

  findById(id: string): LinkTrigger | undefined {
    return this.all().find((t) => t.id === id);
  }

  /**
   * `workflows.triggers.update`: the same id and URL (Slack keeps a link trigger's shortcut_url across updates,
   * so links already posted keep working), the new name, workflow and input mappings.
   */
  replace(
    id: string,
    options: RegisterLinkTriggerOptions,
  ): LinkTrigger {
    const old = this.findById(id);
    if (!old) throw new LinkTriggerError(`no link trigger ${id}`);
    this.#byUrl.delete(old.url);
    try {
      return this.register({ ...options, url: old.url }, {
        nextId: () => id,
        ...(old.appId ? { appId: old.appId } : {}),
      });
    } catch (error) {
      this.#byUrl.set(old.url, old);
      throw error;
    }
  }

  remove(id: string): boolean {
    const found = this.findById(id);
    if (!found) return false;
    return this.#byUrl.delete(found.url);
  }

  all(): LinkTrigger[] {
    return [...this.#byUrl.values()];
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Every workflow_button of `blocks` (section accessories, actions elements) with its JSON pointer. */
function workflowButtons(
  blocks: readonly unknown[],
): Array<{ button: Json; at: string }> {
  const found: Array<{ button: Json; at: string }> = [];
  blocks.forEach((block, i) => {
    if (!isObject(block)) return;
    if (
      isObject(block.accessory) && block.accessory.type === "workflow_button"
    ) {
      found.push({ button: block.accessory, at: `/blocks/${i}/accessory` });
    }
    if (!Array.isArray(block.elements)) return;
    block.elements.forEach((element, j) => {
      if (isObject(element) && element.type === "workflow_button") {
        found.push({ button: element, at: `/blocks/${i}/elements/${j}` });
      }
    });
  });
  return found;
}

/**
 * Slack-worded problems with the triggers of the workflow_buttons in `blocks` (already schema-checked by
 * validateBlocks): an URL no link trigger has, and customizable input parameters the trigger's workflow does not
 * declare, the trigger does not mark `customizable: true`, or whose value does not fit the input's type.
 */
export function workflowButtonProblems(
  blocks: readonly unknown[],
  triggers: LinkTriggers,
): string[] {
  const problems: string[] = [];
  for (const { button, at } of workflowButtons(blocks)) {
    const workflow = isObject(button.workflow) ? button.workflow : {};
    const spec = isObject(workflow.trigger) ? workflow.trigger : {};
    const here = `${at}/workflow/trigger`;
    const trigger = typeof spec.url === "string"
      ? triggers.find(spec.url)
      : undefined;
    if (!trigger) {
      problems.push(
        `must be the url of a link trigger of this workspace [json-pointer:${here}/url]`,
      );
      continue;
    }
    const params = Array.isArray(spec.customizable_input_parameters)
      ? spec.customizable_input_parameters
      : [];
    params.forEach((param, k) => {
      if (!isObject(param) || typeof param.name !== "string") return;
      const where = `${here}/customizable_input_parameters/${k}`;
      const type = trigger.inputTypes[param.name];
      if (type === undefined) {
        problems.push(
          `${param.name} is not an input parameter of the trigger's workflow [json-pointer:${where}/name]`,
        );
      } else if (trigger.inputs[param.name]?.customizable !== true) {
        problems.push(
          `${param.name} is not customizable on the trigger [json-pointer:${where}/name]`,
        );
      } else {
        const rule = VALUE_RULES[type];
        if (
          rule && !(typeof param.value === "string" && rule.test(param.value))
        ) {
          problems.push(
            `must be ${rule.what}, the type of ${param.name} [json-pointer:${where}/value]`,
          );
        }
      }
    });
  }
  return problems;
}
