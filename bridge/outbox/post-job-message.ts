// The exactly-once post of an outbox job's message (update messages, shift handoffs): the job's `post_attempts`
// is raised before chat.postMessage, so a later attempt after a crash, a timeout or a 5xx after Slack acted first
// looks for the earlier message by its metadata; a refusal (nothing posted) lowers it again, so no search is
// needed next time. Cards and digests adopt their messages in place and keep their own rows' attempts.
import type { OutboxRow } from "../db/database.ts";
import type { SlackResult } from "../slack/slack-client.ts";
import {
  findPostedMessage,
  type MessageMetadata,
} from "./find-posted-message.ts";
import type { JobOutcome } from "./job-outcome.ts";
import type { SenderContext } from "./sender-context.ts";

/**
 * Done (with a log line naming `what`) when an earlier attempt of `job` already posted the message `matches`
 * finds, an error when the history cannot be read, else null: post it.
 */
export async function findEarlierJobPost(
  { slack, logger }: Pick<SenderContext, "slack" | "logger">,
  job: OutboxRow,
  input: {
    channelId: string;
    threadTs?: string;
    matches(metadata: MessageMetadata): boolean;
    log: Record<string, unknown>;
    what: string;
  },
): Promise<JobOutcome | null> {
  if (job.post_attempts === 0) return null;
  const found = await findPostedMessage(slack, {
    channelId: input.channelId,
    ...(input.threadTs ? { threadTs: input.threadTs } : {}),
    oldestSeconds: Date.parse(job.created_at) / 1000 - 60,
    matches: input.matches,
  });
  if (!found.ok) return { kind: "error", error: found.error };
  if (!found.data.ts) return null;
  logger.info(
    { ...input.log, ts: found.data.ts },
    `${input.what} was posted by an earlier attempt`,
  );
  return { kind: "done", sent: 0 };
}

/** chat.postMessage of `job`'s message, counted in the job's `post_attempts` as above. */
export async function postJobMessage(
  { db, paced }: Pick<SenderContext, "db" | "paced">,
  job: OutboxRow,
  channelId: string,
  message: Record<string, unknown>,
): Promise<SlackResult<{ ts: string }>> {
  const thisJob = () => db.updateTable("outbox").where("id", "=", job.id);
  await thisJob().set((eb) => ({ post_attempts: eb("post_attempts", "+", 1) }))
    .execute();
  const posted = await paced.call<{ ts: string }>(
    "chat.postMessage",
    channelId,
    message,
  );
  if (!posted.ok && posted.error.outcome !== "retryable") {
    // Slack refused it (or asked us to wait): nothing was posted.
    await thisJob().set((eb) => ({
      post_attempts: eb("post_attempts", "-", 1),
    })).execute();
  }
  return posted;
}
