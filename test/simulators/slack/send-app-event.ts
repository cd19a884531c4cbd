/**
 * Events API requests as Slack sends them to an app's Request URL
 * (https://docs.slack.dev/apis/events-api/): a JSON POST signed like every Slack request
 * (`X-Slack-Signature: v0=HMAC-SHA256(signing secret, "v0:<ts>:<body>")`, `X-Slack-Request-Timestamp`), an
 * `event_callback` envelope (`token`, `team_id`, `api_app_id`, `event`, `event_id`, `event_time`), and on a retry
 * `X-Slack-Retry-Num` / `X-Slack-Retry-Reason` with the same `event_id`. Setting the Request URL first sends a
 * `url_verification` request whose `challenge` the app must echo.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { OAuthAppSeed } from "./oauth-apps.ts";
import type { SlackWorkspace } from "./slack-workspace.ts";

export interface AppEventDelivery {
  status: number;
  body: string;
  eventId?: string;
}

export interface SendEventOptions {
  /** A redelivery: Slack adds these headers and keeps the event_id. */
  retry?: { num: number; reason: "http_timeout" | "http_error" | string };
  eventId?: string;
  /** When the event happened (ms): a redelivery keeps the first delivery's event_time. Default: now. */
  eventTimeMs?: number;
  /** Signs with another secret (a forged request). */
  signingSecret?: string;
}

export function signedEventHeaders(
  body: string,
  secret: string,
  nowMs: number,
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const signature = createHmac("sha256", secret)
    .update(`v0:${timestamp}:${body}`).digest("hex");
  return {
    "content-type": "application/json",
    "x-slack-request-timestamp": timestamp,
    "x-slack-signature": `v0=${signature}`,
  };
}

async function post(
  app: OAuthAppSeed,
  payload: Record<string, unknown>,
  nowMs: number,
  options: SendEventOptions,
): Promise<{ status: number; body: string }> {
  if (!app.eventsUrl) {
    throw new Error(`app ${app.appId} has no events Request URL`);
  }
  const body = JSON.stringify(payload);
  const headers = signedEventHeaders(
    body,
    options.signingSecret ?? app.signingSecret,
    nowMs,
  );
  if (options.retry) {
    headers["x-slack-retry-num"] = String(options.retry.num);
    headers["x-slack-retry-reason"] = options.retry.reason;
  }
  const response = await fetch(app.eventsUrl, {
    method: "POST",
    headers,
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** Sends one event (`{type: "app_uninstalled"}`, `{type: "tokens_revoked", tokens}`) in its envelope. */
export async function sendAppEvent(
  app: OAuthAppSeed,
  workspace: SlackWorkspace,
  event: Record<string, unknown> & { type: string },
  options: SendEventOptions = {},
): Promise<AppEventDelivery> {
  const nowMs = workspace.now();
  const eventId = options.eventId ??
    `Ev${randomBytes(5).toString("hex").toUpperCase()}`;
  const answer = await post(
    app,
    {
      // The deprecated verification token; signed requests make it unnecessary, Slack still sends it.
      token: "sim-verification-token",
      team_id: workspace.teamId,
      api_app_id: app.appId,
      event,
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor((options.eventTimeMs ?? nowMs) / 1000),
    },
    nowMs,
    options,
  );
  return { ...answer, eventId };
}

/**
 * Slack's check of a new Request URL: the app must answer 200 with the challenge (plain text, form-encoded
 * `challenge=…`, or JSON `{"challenge": …}`). Returns whether it did, and what it answered.
 */
export async function verifyEventsUrl(
  app: OAuthAppSeed,
  nowMs: number,
  options: SendEventOptions = {},
): Promise<{ verified: boolean; status: number; body: string }> {
  const challenge = randomBytes(24).toString("base64url");
  const answer = await post(
    app,
    {
      token: "sim-verification-token",
      challenge,
      type: "url_verification",
    },
    nowMs,
    options,
  );
  let echoed = answer.body.trim() === challenge;
  if (!echoed) {
    try {
      echoed =
        (JSON.parse(answer.body) as { challenge?: unknown }).challenge ===
          challenge;
    } catch {
      echoed = new URLSearchParams(answer.body).get("challenge") === challenge;
    }
  }
  return { verified: answer.status === 200 && echoed, ...answer };
}
