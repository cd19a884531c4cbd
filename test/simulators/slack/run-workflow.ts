import { messageObject, permalink } from "./message-object.ts";
import type { SlackWorkspaceControl as SlackSimulator } from "./start-slack-simulator.ts";
import { pointerProblem } from "./views-methods.ts";
import type {
  EphemeralMessage,
  FunctionExecution,
  SimMessage,
  SimToken,
  SimView,
} from "./slack-workspace.ts";

/**
 * Runs a link-trigger workflow the way Slack does when someone clicks a workflow button: inputs resolved from
 * the trigger data, steps in order, Slack's built-in steps performed against the simulator, custom functions
 * called with a context like Slack's runtime (and the SDK's SlackFunctionTester) builds, interactivity routed to
 * the function that posted the button or opened the view.
 */

/** What `DefineWorkflow(...)` returns, as far as the runner needs it. */
export interface WorkflowLike {
  definition: {
    callback_id: string;
    input_parameters?: { required?: ReadonlyArray<string | number> };
  };
  export(): {
    steps: ReadonlyArray<
      { id: string; function_id: string; inputs: Record<string, unknown> }
    >;
  };
  /**
   * `DefineWorkflow(...).steps`: each step's function (`definition.definition`), where an `oauth2` input names its
   * `oauth2_provider_key` (needed to resolve `{credential_source: "END_USER"}`; `export()` drops it).
   */
  readonly steps?: ReadonlyArray<unknown>;
}

/** A `SlackFunction(...)` result: the handler plus the routers SlackFunction attaches. */
export type SlackFunctionModule = ((context: never) => unknown) & {
  blockActions?: (context: never) => unknown;
  viewSubmission?: (context: never) => unknown;
  viewClosed?: (context: never) => unknown;
};

export interface RunWorkflowOptions {
  workflow: WorkflowLike;
  /** Workflow inputs as the trigger maps them; strings may use `{{data.*}}` like a trigger definition. */
  inputs?: Record<string, unknown>;
  /** Who clicked. */
  userId: string;
  channelId?: string;
  messageTs?: string;
  /** The clicked workflow_button's action_id, for `{{data.action_id}}`. */
  actionId?: string;
  functions?: Record<string, SlackFunctionModule>;
  env?: Record<string, string>;
  /** The hosted app; defaults to the only one declared. */
  appId?: string;
  /** Answers of OpenForm steps, by field name, in step order. */
  formAnswers?: ReadonlyArray<Record<string, unknown>>;
}

export interface StepResult {
  id: string;
  functionId: string;
  status: "running" | "waiting" | "completed" | "failed";
  inputs: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  error?: string;
}

export interface ClickOptions {
  actionId: string;
  blockId?: string;
  /** Overrides the element's value (selects, overflow). */
  value?: string;
  /** Defaults to the user who started the run. */
  userId?: string;
}

export interface SubmitOptions {
  /** `state.values`: block_id → action_id → element state, as Slack sends them. */
  values: Record<string, Record<string, unknown>>;
  viewId?: string;
  userId?: string;
}

/** Slack's "connect your account" prompt, waiting for the person who clicked. */
export interface PendingAuthorization {
  providerKey: string;
  userId: string;
}

export interface ConnectOptions {
  /** The provider's access token the OAuth flow would leave in Slack's external auth store. */
  token: string;
  externalTokenId?: string;
}

export interface CloseViewOptions {
  /** Defaults to the newest open view. */
  viewId?: string;
  /** The X button closes the whole stack (`is_cleared: true`); Cancel closes one view. */
  clear?: boolean;
  userId?: string;
}

/** An interactivity handler that answered after Slack's budget: Slack dropped its answer. */
export interface LateInteraction {
  type: "block_actions" | "view_submission" | "view_closed";
  /** The function whose handler was late. */
  callbackId: string;
  /** How long it took, on the workspace clock. */
  ms: number;
}

export interface WorkflowRun {
  readonly status: "running" | "waiting" | "completed" | "failed";
  readonly error?: string;
  /** Handlers that answered after INTERACTION_BUDGET_MS, oldest first. */
  readonly lateInteractions: readonly LateInteraction[];
  /**
   * Resolves once the run is over (completed or failed), for work a handler finishes after answering (a view
   * submission that answers first and calls `functions.completeSuccess` later).
   */
  whenFinished(): Promise<WorkflowRun>;
  /**
   * Set while the run waits for the user to connect a provider: a step input `{credential_source: "END_USER"}`
   * and no external token of theirs for its provider. Nothing has run yet; `connectExternalAuth` continues.
   */
  readonly pendingAuthorization?: PendingAuthorization;
  readonly steps: readonly StepResult[];
  /** Outputs by step id. */
  readonly outputs: Readonly<Record<string, Record<string, unknown>>>;
  ephemeralMessages(): EphemeralMessage[];
  /** Open views (modals) of this run's functions, oldest first. */
  openViews(): SimView[];
  clickBlockAction(options: ClickOptions): Promise<WorkflowRun>;
  /**
   * `late`: the handler answered after INTERACTION_BUDGET_MS, so Slack ignored its answer and the modal stays
   * open with an error banner (`SimView.errorBanner`).
   */
  submitView(
    options: SubmitOptions,
  ): Promise<{ response: unknown; run: WorkflowRun; late: boolean }>;
  /**
   * The user closes a modal. Slack sends `view_closed` to the function's handler only when the view was opened
   * with `notify_on_close: true`; otherwise the view just goes away and the function keeps waiting.
   */
  closeView(options?: CloseViewOptions): Promise<WorkflowRun>;
  /** The user completes Slack's connect prompt (OAuth): the token is stored and the run starts. */
  connectExternalAuth(options: ConnectOptions): Promise<WorkflowRun>;
}

/** A misuse of the runner or an interaction Slack itself would refuse (a dead button, no handler). */
export class WorkflowRunnerError extends Error {
  override name = "WorkflowRunnerError";
}

const SEND_MESSAGE = "slack#/functions/send_message";
const SEND_EPHEMERAL = "slack#/functions/send_ephemeral_message";
const OPEN_FORM = "slack#/functions/open_form";
const LOCAL = "#/functions/";
const END_USER = "END_USER";

/**
 * Slack gives a hosted function's block action / view submission / view closed handler about 10 s; after that
 * the user's modal shows an error banner along its top and the answer is dropped (a Slack engineer,
 * https://github.com/slackapi/deno-slack-sdk/issues/325 ; /work/shared/design/apis.md "Hosted functions").
 */
export const INTERACTION_BUDGET_MS = 10_000;
/** What the banner says ("We had some trouble connecting. Try again?", https://github.com/slackapi/bolt-js/issues/1208). */
export const LATE_ANSWER_BANNER = "We had some trouble connecting. Try again?";

type Json = Record<string, unknown>;

function lookup(root: Json, path: string): unknown {
  let value: unknown = root;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Json)[part];
  }
  return value;
}

const TEMPLATE = /\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g;

/** A whole-string template keeps the value's type; templates inside text are interpolated. */
export function resolveTemplates(value: unknown, scope: Json): unknown {
  if (typeof value === "string") {
    const whole = /^\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}$/.exec(value);
    if (whole?.[1]) return lookup(scope, whole[1]);
    return value.replace(TEMPLATE, (_, path: string) => {
      const v = lookup(scope, path);
      if (v === undefined) return "";
      return typeof v === "string" ? v : JSON.stringify(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolveTemplates(v, scope));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveTemplates(v, scope)]),
    );
  }
  return value;
}

function credentialSource(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const source = (value as Json).credential_source;
  return typeof source === "string" ? source : undefined;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

class Runner implements WorkflowRun {
  status: WorkflowRun["status"] = "running";
  error?: string;
  readonly steps: StepResult[] = [];
  readonly outputs: Record<string, Record<string, unknown>> = {};
  readonly #sim: SlackSimulator;
  readonly #options: RunWorkflowOptions;
  readonly #appId: string;
  readonly #appToken: SimToken;
  readonly #runId: string;
  readonly #executions: FunctionExecution[] = [];
  readonly #tokenIds = new Set<string>();
  #idle = deferred();
  readonly #finished = deferred();
  readonly lateInteractions: LateInteraction[] = [];
  #formIndex = 0;
  pendingAuthorization?: PendingAuthorization;
  #connected?: () => void;

  constructor(sim: SlackSimulator, options: RunWorkflowOptions) {
    this.#sim = sim;
    this.#options = options;
    const appId = options.appId ?? sim.workspace.onlyAppId();
    if (!appId) {
      throw new WorkflowRunnerError(
        "runWorkflow: name the appId (several or no hosted apps declared)",
      );
    }
    this.#appId = appId;
    const appToken = [...sim.workspace.tokens.values()].find((t) =>
      t.kind === "hosted_app" && t.appId === appId && !t.functionExecutionId
    );
    if (!appToken) {
      throw new WorkflowRunnerError(
        `runWorkflow: create a hosted_app token for ${appId} first (its scopes are the functions' scopes)`,
      );
    }
    this.#appToken = appToken;
    this.#runId = sim.workspace.nextId("Wr");
    this.#tokenIds.add(this.#runId);
  }

  get #ws() {
    return this.#sim.workspace;
  }

  #interactivity(userId: string) {
    const pointer = `${Math.floor(this.#ws.now() / 1000)}.${
      this.#ws.nextId("").slice(1)
    }.sim`;
    this.#ws.pointers.set(pointer, {
      pointer,
      userId,
      appId: this.#appId,
      used: false,
      issuedAt: this.#ws.now(),
    });
    return {
      interactivity_pointer: pointer,
      interactor: { id: userId, secret: `secret-${pointer}` },
    };
  }

  /** Function tokens are minted per execution (`xwfp-…`), with the app's bot user and scopes. */
  #mintToken(executionId: string): string {
    const token = `xwfp-sim-${executionId.toLowerCase()}`;
    this.#ws.tokens.set(token, {
      ...this.#appToken,
      token,
      functionExecutionId: executionId,
    });
    this.#tokenIds.add(executionId);
    return token;
  }

  start(): Promise<WorkflowRun> {
    void this.#run().catch((error: unknown) => {
      this.status = "failed";
      this.error = error instanceof Error ? error.message : String(error);
      this.#idle.resolve();
    }).finally(() => this.#finished.resolve());
    return this.#idle.promise.then(() => this);
  }

  async whenFinished(): Promise<WorkflowRun> {
    await this.#finished.promise;
    return this;
  }

  async #run(): Promise<void> {
    const o = this.#options;
    const data = {
      interactivity: this.#interactivity(o.userId),
      user_id: o.userId,
      channel_id: o.channelId,
      message_ts: o.messageTs,
      action_id: o.actionId,
      location: o.messageTs ? "button" : "bookmark",
    };
    const inputs = resolveTemplates(o.inputs ?? {}, { data }) as Json;
    for (
      const name of o.workflow.definition.input_parameters?.required ?? []
    ) {
      if (inputs[name] === undefined) {
        throw new WorkflowRunnerError(`workflow input ${name} is required`);
      }
    }
    const steps = o.workflow.export().steps;
    // Slack asks for every missing connection when the link is clicked, before any step runs.
    for (const providerKey of this.#endUserProviders(steps)) {
      if (!this.#externalTokenId(providerKey)) {
        await this.#awaitConnection(providerKey);
      }
    }
    for (const [index, step] of steps.entries()) {
      const stepInputs = this.#withCredentials(
        resolveTemplates(step.inputs, {
          inputs,
          steps: this.outputs,
          data,
        }) as Json,
        index,
      );
      const result: StepResult = {
        id: step.id,
        functionId: step.function_id,
        status: "running",
        inputs: stepInputs,
      };
      this.steps.push(result);
      const outputs = await this.#step(result);
      if (result.status === "failed") {
        this.status = "failed";
        this.error = result.error ?? "step failed";
        this.#idle.resolve();
        return;
      }
      result.status = "completed";
      result.outputs = outputs;
      this.outputs[step.id] = outputs;
    }
    this.status = "completed";
    this.#idle.resolve();
  }

  /** The provider keys of END_USER credential inputs, from the steps' function definitions. */
  #endUserProviders(
    steps: ReadonlyArray<{ inputs: Record<string, unknown> }>,
  ): string[] {
    const keys = new Set<string>();
    for (const [index, step] of steps.entries()) {
      for (const [name, value] of Object.entries(step.inputs)) {
        if (credentialSource(value) === undefined) continue;
        keys.add(this.#providerKey(index, name, value));
      }
    }
    return [...keys];
  }

  #providerKey(index: number, name: string, value: unknown): string {
    const source = credentialSource(value);
    if (source !== END_USER) {
      throw new WorkflowRunnerError(
        `step ${index} input ${name}: credential_source ${source} is not simulated (only ${END_USER})`,
      );
    }
    // A step's `definition` is the DefineFunction result; its own `definition` is the manifest entry.
    const key = lookup(
      (this.#options.workflow.steps?.[index] ?? {}) as Json,
      `definition.definition.input_parameters.properties.${name}.oauth2_provider_key`,
    );
    if (typeof key !== "string") {
      throw new WorkflowRunnerError(
        `step ${index} input ${name}: no oauth2_provider_key in the step's function definition (pass the DefineWorkflow(...) result itself)`,
      );
    }
    return key;
  }

  /** The clicker's newest external token for the provider, as Slack hands it over. */
  #externalTokenId(providerKey: string): string | undefined {
    return [...this.#ws.externalTokens.values()].filter((t) =>
      t.user_id === this.#options.userId && t.provider_key === providerKey &&
      t.appId === this.#appId
    ).at(-1)?.external_token_id;
  }

  /** Slack replaces `{credential_source: "END_USER"}` with the external_token_id of the user who clicked. */
  #withCredentials(stepInputs: Json, index: number): Json {
    return Object.fromEntries(
      Object.entries(stepInputs).map(([name, value]) => {
        if (credentialSource(value) === undefined) return [name, value];
        const key = this.#providerKey(index, name, value);
        // Deleted since the run started (e.g. an earlier step unlinked): the function gets no id.
        return [name, this.#externalTokenId(key)];
      }).filter(([, value]) => value !== undefined),
    );
  }

  async #awaitConnection(providerKey: string): Promise<void> {
    this.pendingAuthorization = { providerKey, userId: this.#options.userId };
    this.status = "waiting";
    const connected = new Promise<void>((resolve) => this.#connected = resolve);
    this.#idle.resolve();
    await connected;
    this.pendingAuthorization = undefined;
    this.status = "running";
  }

  async connectExternalAuth(options: ConnectOptions): Promise<WorkflowRun> {
    const pending = this.pendingAuthorization;
    const resume = this.#connected;
    if (!pending || !resume) {
      throw new WorkflowRunnerError(
        "this run is not waiting for the user to connect an account",
      );
    }
    const id = options.externalTokenId ?? this.#ws.nextId("Et");
    this.#ws.externalTokens.set(id, {
      external_token_id: id,
      user_id: pending.userId,
      provider_key: pending.providerKey,
      token: options.token,
      appId: this.#appId,
    });
    this.#connected = undefined;
    this.#idle = deferred();
    resume();
    await this.#idle.promise;
    return this;
  }

  async #step(step: StepResult): Promise<Json> {
    const started = Math.floor(this.#ws.now() / 1000);
    const timing = () => ({
      timestamp_started: started,
      timestamp_completed: Math.floor(this.#ws.now() / 1000),
    });
    const fail = (error: string): Json => {
      step.status = "failed";
      step.error = error;
      return {};
    };
    const token = this.#mintToken(this.#runId);
    const i = step.inputs;
    switch (step.functionId) {
      case SEND_MESSAGE: {
        const r = this.#sim.call("chat.postMessage", {
          channel: i.channel_id,
          text: i.message,
          ...(i.interactive_blocks ? { blocks: i.interactive_blocks } : {}),
          ...(i.metadata ? { metadata: i.metadata } : {}),
        }, token);
        if (!r.ok) return fail(String(r.error));
        const m = this.#ws.findMessage(String(r.channel), String(r.ts));
        return {
          message_timestamp: r.ts,
          message_link: m ? permalink(this.#ws, m) : "",
          message_context: { channel_id: r.channel, message_ts: r.ts },
          ...timing(),
        };
      }
      case SEND_EPHEMERAL: {
        const r = this.#sim.call("chat.postEphemeral", {
          channel: i.channel_id,
          user: i.user_id,
          text: i.message,
          ...(i.thread_ts ? { thread_ts: i.thread_ts } : {}),
        }, token);
        if (!r.ok) return fail(String(r.error));
        return { message_ts: r.message_ts };
      }
      case OPEN_FORM:
        return this.#openForm(step, timing, fail);
    }
    if (!step.functionId.startsWith(LOCAL)) {
      throw new WorkflowRunnerError(
        `built-in step ${step.functionId} is not simulated`,
      );
    }
    return await this.#custom(step, step.functionId.slice(LOCAL.length), fail);
  }

  #openForm(
    step: StepResult,
    timing: () => Json,
    fail: (e: string) => Json,
  ): Json {
    const i = step.inputs;
    const pointer = lookup(i, "interactivity.interactivity_pointer");
    const ticket = typeof pointer === "string"
      ? this.#ws.pointers.get(pointer)
      : undefined;
    // A form needs a fresh interactivity pointer, as in Slack: each one opens one view, within 3 s.
    if (!ticket) return fail("invalid_trigger_id");
    const problem = pointerProblem(ticket, this.#ws.now());
    if (problem) return fail(problem);
    ticket.used = true;
    const answers = this.#options.formAnswers?.[this.#formIndex++];
    if (!answers) {
      throw new WorkflowRunnerError(
        `OpenForm step ${step.id}: pass its answers in formAnswers[${
          this.#formIndex - 1
        }]`,
      );
    }
    const required = (lookup(i, "fields.required") ?? []) as string[];
    const missing = required.filter((name) => answers[name] === undefined);
    if (missing.length > 0) {
      throw new WorkflowRunnerError(
        `OpenForm step ${step.id}: required fields unanswered: ${
          missing.join(", ")
        }`,
      );
    }
    return {
      fields: answers,
      interactivity: this.#interactivity(ticket.userId),
      submit_user: ticket.userId,
      ...timing(),
    };
  }

  async #custom(
    step: StepResult,
    callbackId: string,
    fail: (e: string) => Json,
  ): Promise<Json> {
    const module = this.#options.functions?.[callbackId];
    if (!module) {
      throw new WorkflowRunnerError(
        `no handler for function ${callbackId} in options.functions`,
      );
    }
    const id = this.#ws.nextId("Fx");
    const execution: FunctionExecution = {
      id,
      callbackId,
      appId: this.#appId,
      token: "",
      status: "running",
      listeners: [],
    };
    execution.token = this.#mintToken(id);
    this.#ws.executions.set(id, execution);
    this.#executions.push(execution);
    execution.inputs = step.inputs;

    const context = {
      inputs: step.inputs,
      env: this.#env(),
      token: execution.token,
      team_id: this.#ws.teamId,
      enterprise_id: "",
      event: {
        type: "function_executed",
        event_ts: String(this.#ws.now() / 1000),
        function_execution_id: id,
        inputs: step.inputs,
        function: {
          id: `Fn${callbackId}`,
          callback_id: callbackId,
          title: callbackId,
        },
        bot_access_token: execution.token,
      },
    };
    let result: unknown;
    try {
      result = await (module as unknown as (c: Json) => unknown)(context);
    } catch (error) {
      execution.status = "failed";
      return fail(error instanceof Error ? error.message : String(error));
    }
    const r = (result ?? {}) as Json;
    if (r.completed === false) {
      if (execution.status === "running") {
        step.status = "waiting";
        this.status = "waiting";
        const done = new Promise<void>((resolve) =>
          execution.listeners.push(resolve)
        );
        this.#idle.resolve();
        await done;
        this.status = "running";
      }
      if (execution.status === "failed") return fail(execution.error ?? "");
      return execution.outputs ?? {};
    }
    if (typeof r.error === "string" && r.error) {
      execution.status = "failed";
      execution.error = r.error;
      return fail(r.error);
    }
    execution.status = "completed";
    execution.outputs = (r.outputs ?? {}) as Json;
    return execution.outputs;
  }

  #env(): Record<string, string> {
    return { ...this.#options.env, SLACK_API_URL: this.#sim.url };
  }

  ephemeralMessages(): EphemeralMessage[] {
    return this.#ws.ephemeral.filter((e) =>
      e.functionExecutionId !== undefined &&
      this.#tokenIds.has(e.functionExecutionId)
    );
  }

  openViews(): SimView[] {
    return [...this.#ws.views.values()].filter((v) =>
      v.open && v.functionExecutionId !== undefined &&
      this.#tokenIds.has(v.functionExecutionId)
    );
  }

  #messages(): SimMessage[] {
    return [...this.#ws.messages.values()].flat().filter((m) =>
      m.functionExecutionId !== undefined &&
      this.#tokenIds.has(m.functionExecutionId)
    );
  }

  #executionOf(id: string | undefined): FunctionExecution {
    const execution = this.#executions.find((e) => e.id === id);
    if (!execution) {
      throw new WorkflowRunnerError(
        "this element was not posted by one of the run's functions",
      );
    }
    // Buttons bound to a function stop working when it completes (Slack shows the user an error).
    if (execution.status !== "running") {
      throw new WorkflowRunnerError(
        `function ${execution.callbackId} has already completed: its interactive elements no longer work`,
      );
    }
    return execution;
  }

  #module(execution: FunctionExecution): SlackFunctionModule {
    const module = this.#options.functions?.[execution.callbackId];
    if (!module) {
      throw new WorkflowRunnerError(`no handler for ${execution.callbackId}`);
    }
    return module;
  }

  #bodyBase(execution: FunctionExecution, userId: string) {
    const interactivity = this.#interactivity(userId);
    this.#ws.pointers.get(interactivity.interactivity_pointer)!
      .functionExecutionId = execution.id;
    return {
      api_app_id: this.#appId,
      team: { id: this.#ws.teamId, domain: this.#ws.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
      user: {
        id: userId,
        name: this.#ws.users.get(userId)?.name ?? userId,
        team_id: this.#ws.teamId,
      },
      token: "",
      trigger_id: interactivity.interactivity_pointer,
      interactivity,
      bot_access_token: execution.token,
      function_data: {
        execution_id: execution.id,
        function: { callback_id: execution.callbackId },
        inputs: execution.inputs ?? {},
      },
    };
  }

  /** What SlackFunction's routers hand an interactivity handler, besides `action` or `view`. */
  #routerContext(
    execution: FunctionExecution,
    body: { function_data: { inputs: Json } },
    extra: Json,
  ): Json {
    return {
      ...extra,
      body,
      inputs: body.function_data.inputs,
      env: this.#env(),
      token: execution.token,
      team_id: this.#ws.teamId,
      enterprise_id: "",
    };
  }

  /**
   * Runs an interaction handler, timed on the workspace clock against Slack's budget; `answered` applies its
   * answer (unless late) before the runner waits until the run is blocked again or over.
   */
  async #interact<T>(
    execution: FunctionExecution,
    type: LateInteraction["type"],
    work: () => Promise<T>,
    answered: (answer: T, late: boolean) => void = () => {},
  ): Promise<{ answer: T; late: boolean }> {
    this.#idle = deferred();
    const started = this.#ws.now();
    const answer = await work();
    const ms = this.#ws.now() - started;
    const late = ms > INTERACTION_BUDGET_MS;
    if (late) {
      this.lateInteractions.push({
        type,
        callbackId: execution.callbackId,
        ms,
      });
    }
    answered(answer, late);
    // Still running: the run stays blocked on it. Otherwise the run resumes and resolves #idle itself.
    if (execution.status === "running") this.#idle.resolve();
    await this.#idle.promise;
    return { answer, late };
  }

  async clickBlockAction(options: ClickOptions): Promise<WorkflowRun> {
    const userId = options.userId ?? this.#options.userId;
    const found = this.#findElement(options);
    const execution = this.#executionOf(found.executionId);
    const module = this.#module(execution);
    if (!module.blockActions) {
      throw new WorkflowRunnerError(
        `${execution.callbackId} has no block action handlers`,
      );
    }
    const el = found.element;
    const action = {
      type: el.type,
      action_id: el.action_id,
      block_id: found.blockId,
      action_ts: String(this.#ws.now() / 1000),
      ...(el.text ? { text: el.text } : {}),
      ...(options.value ?? el.value
        ? { value: options.value ?? el.value }
        : {}),
      ...(options.value && el.type !== "button"
        ? { selected_option: { value: options.value } }
        : {}),
    };
    const body = {
      type: "block_actions",
      ...this.#bodyBase(execution, userId),
      actions: [action],
      ...(found.message
        ? {
          message: messageObject(this.#ws, found.message, {
            includeMetadata: true,
          }),
          channel: {
            id: found.message.channel,
            name: this.#ws.channels.get(found.message.channel)?.name ?? "",
          },
          container: {
            type: "message",
            message_ts: found.message.ts,
            channel_id: found.message.channel,
          },
        }
        : {}),
      ...(found.view
        ? {
          view: { ...found.view.view, id: found.view.id },
          container: { type: "view", view_id: found.view.id },
        }
        : {}),
    };
    const blockActions = module.blockActions as unknown as (
      c: Json,
    ) => unknown;
    await this.#interact(
      execution,
      "block_actions",
      async () =>
        await blockActions(this.#routerContext(execution, body, { action })),
    );
    return this;
  }

  #findElement(options: ClickOptions): {
    element: Json;
    blockId: string;
    executionId?: string;
    message?: SimMessage;
    view?: SimView;
  } {
    const sources: Array<
      {
        blocks: unknown;
        executionId?: string;
        message?: SimMessage;
        view?: SimView;
      }
    > = [
      ...this.openViews().reverse().map((view) => ({
        blocks: view.view.blocks,
        view,
        ...(view.functionExecutionId
          ? { executionId: view.functionExecutionId }
          : {}),
      })),
      ...this.#messages().reverse().map((message) => ({
        blocks: message.blocks,
        message,
        ...(message.functionExecutionId
          ? { executionId: message.functionExecutionId }
          : {}),
      })),
    ];
    for (const source of sources) {
      for (const raw of Array.isArray(source.blocks) ? source.blocks : []) {
        const block = raw as Json;
        const blockId = String(block.block_id ?? "");
        if (options.blockId && options.blockId !== blockId) continue;
        const elements = [
          ...(Array.isArray(block.elements) ? block.elements : []),
          ...(block.accessory ? [block.accessory] : []),
          ...(block.element ? [block.element] : []),
        ] as Json[];
        const element = elements.find((e) => e.action_id === options.actionId);
        if (element) return { ...source, element, blockId };
      }
    }
    throw new WorkflowRunnerError(
      `no element with action_id ${options.actionId} in this run's messages or views`,
    );
  }

  async submitView(
    options: SubmitOptions,
  ): Promise<{ response: unknown; run: WorkflowRun; late: boolean }> {
    const userId = options.userId ?? this.#options.userId;
    const views = this.openViews();
    const view = options.viewId
      ? views.find((v) => v.id === options.viewId)
      : views.at(-1);
    if (!view) throw new WorkflowRunnerError("no open view to submit");
    const execution = this.#executionOf(view.functionExecutionId);
    const module = this.#module(execution);
    if (!module.viewSubmission) {
      throw new WorkflowRunnerError(
        `${execution.callbackId} has no view submission handlers`,
      );
    }
    const viewBody = this.#viewBody(view, { values: options.values });
    const body = {
      type: "view_submission",
      ...this.#bodyBase(execution, userId),
      view: viewBody,
    };
    const viewSubmission = module.viewSubmission as unknown as (
      c: Json,
    ) => unknown;
    const { answer, late } = await this.#interact(
      execution,
      "view_submission",
      async () =>
        await viewSubmission(
          this.#routerContext(execution, body, { view: viewBody }),
        ),
      (response, late) => {
        // Too late: Slack has already given up; the modal stays as it was, under an error banner.
        if (late) view.errorBanner = LATE_ANSWER_BANNER;
        else this.#applyViewResponse(view, response);
      },
    );
    return { response: answer, run: this, late };
  }

  async closeView(options: CloseViewOptions = {}): Promise<WorkflowRun> {
    const userId = options.userId ?? this.#options.userId;
    const views = this.openViews();
    const view = options.viewId
      ? views.find((v) => v.id === options.viewId)
      : views.at(-1);
    if (!view) throw new WorkflowRunnerError("no open view to close");
    const closing = options.clear
      ? views.filter((v) => v.rootViewId === view.rootViewId)
      : [view];
    for (const v of closing) v.open = false;
    const owner = this.#executions.find((e) =>
      e.id === view.functionExecutionId
    );
    // A modal can always be closed; only a running function that asked (notify_on_close) hears of it.
    if (view.view.notify_on_close !== true || owner?.status !== "running") {
      return this;
    }
    const execution = this.#executionOf(view.functionExecutionId);
    const module = this.#module(execution);
    if (!module.viewClosed) {
      throw new WorkflowRunnerError(
        `${execution.callbackId} has no view closed handlers`,
      );
    }
    const viewBody = this.#viewBody(view, view.view.state ?? { values: {} });
    const body = {
      type: "view_closed",
      ...this.#bodyBase(execution, userId),
      view: viewBody,
      is_cleared: options.clear ?? false,
    };
    const viewClosed = module.viewClosed as unknown as (c: Json) => unknown;
    await this.#interact(
      execution,
      "view_closed",
      async () =>
        await viewClosed(
          this.#routerContext(execution, body, { view: viewBody }),
        ),
    );
    return this;
  }

  #viewBody(view: SimView, state: unknown): Json {
    return {
      ...view.view,
      id: view.id,
      app_id: this.#appId,
      team_id: this.#ws.teamId,
      app_installed_team_id: this.#ws.teamId,
      callback_id: view.view.callback_id ?? "",
      private_metadata: view.view.private_metadata ?? "",
      hash: view.hash,
      root_view_id: view.rootViewId,
      state,
    };
  }

  /** Slack's response_action: errors keep the view, update replaces it, push stacks, clear closes all. */
  #applyViewResponse(view: SimView, response: unknown): void {
    const r = (response ?? {}) as Json;
    switch (r.response_action) {
      case "errors":
        return;
      case "update":
        view.view = r.view as Json;
        delete view.errorBanner;
        return;
      case "push": {
        const id = this.#ws.nextId("V");
        this.#ws.views.set(id, {
          ...view,
          id,
          view: r.view as Json,
          previousViewId: view.id,
        });
        return;
      }
      case "clear":
        for (const v of this.#ws.views.values()) {
          if (v.rootViewId === view.rootViewId) v.open = false;
        }
        return;
      default:
        view.open = false;
    }
  }
}

export function runWorkflow(
  sim: SlackSimulator,
  options: RunWorkflowOptions,
): Promise<WorkflowRun> {
  return new Runner(sim, options).start();
}
