/**
 * Slash commands as Slack sends them: a person types `/pd text` and Slack POSTs the app's Request URL a signed
 * `application/x-www-form-urlencoded` body with the fields Slack documents
 * (https://api.slack.com/interactivity/slash-commands#app_command_handling), signed with the app's signing
 * secret (https://api.slack.com/authentication/verifying-requests-from-slack). Slack waits 3 s for the answer:
 * a 200 with a JSON message is shown to the person (`response_type: ephemeral`, the default), an empty 200 shows
 * nothing, anything else or no answer in time is an error for the person. The `response_url` takes up to 5
 * answers within 30 minutes (https://api.slack.com/interactivity/handling#message_responses); after that the
 * simulator refuses with 404 `used_url` / `expired_url` (Slack's answer text there is not documented).
 *
 * Answers are recorded as ephemeral messages from the app's bot user in the channel (`sim.ephemeralMessages()`),
 * so a test reads what the person saw; their blocks pass the same checks as chat.postEphemeral's (Block Kit,
 * workflow_buttons of registered link triggers only, and refuseWorkflowButtonsFromClassicApps).
 *
 * The response_url is served by a small server of its own, so the Web API server stays as it is.
 */
import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { workflowButtonProblems } from "./link-triggers.ts";
import type { SlackWorkspaceControl as SlackSimulator } from "./start-slack-simulator.ts";
import type { EphemeralMessage } from "./slack-workspace.ts";
import { validateBlocks } from "./validate-blocks.ts";

/** Slack's: https://api.slack.com/interactivity/slash-commands#responding_basic_receipt */
export const SLASH_COMMAND_TIMEOUT_MS = 3000;
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;

export interface SlashCommandApp {
  /** `/pd` */
  command: string;
  /** The command's Request URL in the app's manifest. */
  url: string;
  signingSecret: string;
  /** The classic app it belongs to; its bot token's user is who the answers come from. */
  appId: string;
  /** Slack's legacy verification token, still sent as `token`. */
  verificationToken?: string;
}

export interface SlashCommandInvocation {
  command: string;
  text?: string;
  userId: string;
  channelId: string;
}

/** What came of one command, from the person's side. */
export interface SlashCommandOutcome {
  /** The HTTP status of the app's answer (0: no answer within 3 s). */
  status: number;
  /** Shown to the person instead of an answer, worded after Slack's ("/pd failed with the error …"). */
  error?: string;
  responseUrl: string;
  /** The form Slack sent (for tests of the app's parsing). */
  body: string;
  /** Answers shown so far, oldest first (inline answer, then response_url posts). */
  answers(): EphemeralMessage[];
  /** Waits until at least `count` answers were shown. */
  waitForAnswers(
    count?: number,
    timeoutMs?: number,
  ): Promise<EphemeralMessage[]>;
}

export interface SlashCommands {
  register(app: SlashCommandApp): void;
  /** A person types the command: resolves once Slack has the app's (inline) answer or gave up waiting. */
  send(invocation: SlashCommandInvocation): Promise<SlashCommandOutcome>;
  close(): Promise<void>;
}

interface ResponseUrl {
  channel: string;
  user: string;
  sender: string;
  issuedAt: number;
  uses: number;
  answers: EphemeralMessage[];
}

type AnswerProblem = { error: string } | null;

export async function startSlashCommands(
  sim: SlackSimulator,
): Promise<SlashCommands> {
  const ws = sim.workspace;
  const apps = new Map<string, SlashCommandApp>();
  const urls = new Map<string, ResponseUrl>();

  /** Shows a message to the person, or says why Slack would not (bad blocks, no text). */
  const show = (target: ResponseUrl, message: unknown): AnswerProblem => {
    const m =
      (typeof message === "object" && message !== null ? message : {}) as {
        text?: unknown;
        blocks?: unknown;
        response_type?: unknown;
      };
    const text = typeof m.text === "string" ? m.text : "";
    const blocks = Array.isArray(m.blocks) ? m.blocks : undefined;
    if (!text && !blocks) return { error: "no_text" };
    if (blocks) {
      const verdict = validateBlocks(blocks, "message");
      if (!verdict.ok) return { error: "invalid_blocks" };
      if (workflowButtonProblems(blocks, ws.linkTriggers).length > 0) {
        return { error: "invalid_blocks" };
      }
      const hasWorkflowButton = JSON.stringify(blocks).includes(
        '"workflow_button"',
      );
      if (ws.refuseWorkflowButtonsFromClassicApps && hasWorkflowButton) {
        return { error: "invalid_blocks" };
      }
    }
    // `in_channel` answers would be posted for everyone; pagerslack answers only ephemerally, and the simulator
    // records those alone.
    if (m.response_type === "in_channel") {
      return { error: "in_channel_not_simulated" };
    }
    const shown: EphemeralMessage = {
      ts: ws.nextTs(),
      channel: target.channel,
      user: target.user,
      sender: target.sender,
      text,
      ...(blocks ? { blocks } : {}),
    };
    ws.ephemeral.push(shown);
    target.answers.push(shown);
    return null;
  };

  const server = new Hono();
  server.post("/commands/:team/:id/:secret", async (c) => {
    const key = `${c.req.param("id")}/${c.req.param("secret")}`;
    const target = urls.get(key);
    if (!target) return c.text("invalid_url", 404);
    if (ws.now() - target.issuedAt > RESPONSE_URL_TTL_MS) {
      return c.text("expired_url", 404);
    }
    if (target.uses >= RESPONSE_URL_MAX_USES) return c.text("used_url", 404);
    target.uses += 1;
    const body = await c.req.json().catch(() => undefined);
    const problem = show(target, body);
    return problem ? c.text(problem.error, 400) : c.text("ok", 200);
  });
  const http = serve({ fetch: server.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => {
    if (http.listening) resolve();
    else http.once("listening", () => resolve());
  });
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  return {
    register(app) {
      apps.set(app.command, app);
    },
    async send({ command, text = "", userId, channelId }) {
      const app = apps.get(command);
      if (!app) throw new Error(`no app declares ${command}`);
      const user = ws.users.get(userId);
      const channel = ws.channels.get(channelId);
      if (!user) throw new Error(`no user ${userId}`);
      if (!channel) throw new Error(`no channel ${channelId}`);
      const botUser = [...ws.tokens.values()].find((t) =>
        t.appId === app.appId && t.kind === "bot"
      )?.userId;
      if (!botUser) throw new Error(`app ${app.appId} has no bot token`);
      const id = ws.nextId("").replace(/^0SIM/, "") + String(ws.now());
      const secret = createHmac("sha256", "response-url").update(id).digest(
        "hex",
      ).slice(0, 24);
      const responseUrl = `${base}/commands/${ws.teamId}/${id}/${secret}`;
      const target: ResponseUrl = {
        channel: channelId,
        user: userId,
        sender: botUser,
        issuedAt: ws.now(),
        uses: 0,
        answers: [],
      };
      urls.set(`${id}/${secret}`, target);
      const form = new URLSearchParams({
        token: app.verificationToken ?? "simverificationtoken0000",
        team_id: ws.teamId,
        team_domain: ws.teamDomain,
        channel_id: channelId,
        channel_name: channel.id.startsWith("D")
          ? "directmessage"
          : channel.name,
        user_id: userId,
        user_name: user.name,
        command,
        text,
        api_app_id: app.appId,
        is_enterprise_install: "false",
        response_url: responseUrl,
        trigger_id: `${ws.now()}.${id}.${secret.slice(0, 16)}`,
      }).toString();
      const timestamp = String(Math.floor(ws.now() / 1000));
      const signature = `v0=${
        createHmac("sha256", app.signingSecret)
          .update(`v0:${timestamp}:${form}`).digest("hex")
      }`;
      let status = 0;
      let error: string | undefined;
      try {
        const response = await fetch(app.url, {
          method: "POST",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": signature,
          },
          body: form,
          signal: AbortSignal.timeout(SLASH_COMMAND_TIMEOUT_MS),
        });
        status = response.status;
        const answer = await response.text();
        if (status !== 200) {
          error = `http_${status}`;
        } else if (answer.trim() !== "") {
          let parsed: unknown;
          try {
            parsed = JSON.parse(answer);
          } catch {
            // Slack shows a plain-text answer as the message text.
            parsed = { text: answer };
          }
          const problem = show(target, parsed);
          if (problem) error = problem.error;
        }
      } catch {
        error = "operation_timeout";
      }
      return {
        status,
        ...(error ? { error } : {}),
        responseUrl,
        body: form,
        answers: () => [...target.answers],
        async waitForAnswers(count = 1, timeoutMs = 10_000) {
          const until = Date.now() + timeoutMs;
          while (target.answers.length < count) {
            if (Date.now() > until) {
              throw new Error(
                `${command} ${text}: ${target.answers.length} answers shown, waited for ${count}${
                  error ? ` (error ${error})` : ""
                }`,
              );
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          return [...target.answers];
        },
      };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ("closeAllConnections" in http) http.closeAllConnections();
        http.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
