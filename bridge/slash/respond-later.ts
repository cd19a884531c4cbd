// Answers that take longer than Slack's 3 s go to the command's response_url. It is a one-off webhook Slack
// hands out with the command (up to 5 answers within 30 minutes), not a Web API method: no token and no
// method tier, so it does not go through the paced client.
// https://api.slack.com/interactivity/handling#message_responses
import type { SlashAnswer } from "./slash-command.ts";
import { ephemeralBody } from "./slash-command.ts";

export type RespondResult = { ok: true } | { ok: false; problem: string };

export type RespondLater = (
  responseUrl: string,
  answer: SlashAnswer,
) => Promise<RespondResult>;

export function createRespondLater(
  { fetch: fetchImpl = fetch, timeoutMs = 5000 }: {
    fetch?: typeof fetch;
    timeoutMs?: number;
  } = {},
): RespondLater {
  return async (responseUrl, answer) => {
    try {
      const response = await fetchImpl(responseUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(ephemeralBody(answer)),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Slack answers `ok` as text; a 404 `expired_url` or `used_url` once the URL's answers are spent.
      if (response.ok) return { ok: true };
      const text = (await response.text().catch(() => "")).slice(0, 100);
      return { ok: false, problem: `HTTP ${response.status} ${text}`.trim() };
    } catch (error) {
      return { ok: false, problem: String(error).slice(0, 200) };
    }
  };
}
