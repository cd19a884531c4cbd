// Delivers a shift handoff message (oncall/check-handoffs.ts rendered it when it recorded the change). Like update
// messages it carries metadata naming the change, and a second attempt looks for the first before posting, so a
// crash between Slack's answer and the job's completion posts nothing twice.
import type { OutboxRow } from "../db/database.ts";
import { HANDOFF_METADATA_EVENT_TYPE } from "../../shared/cards/render-handoff.ts";
import type { HandoffPayload } from "../jobs/enqueue-handoff.ts";
import { findEarlierJobPost, postJobMessage } from "./post-job-message.ts";
import type { JobOutcome } from "./job-outcome.ts";
import type { SenderContext } from "./sender-context.ts";

export async function deliverHandoff(
  ctx: SenderContext,
  job: OutboxRow,
): Promise<JobOutcome> {
  const { paced, logger } = ctx;
  const channelId = job.channel_id;
  const payload = JSON.parse(job.payload) as HandoffPayload;
  const log = { channel_id: channelId, handoff: payload.handoff_key };
  const earlier = await findEarlierJobPost(ctx, job, {
    channelId,
    matches: (metadata) =>
      metadata.event_type === HANDOFF_METADATA_EVENT_TYPE &&
      metadata.event_payload?.handoff_key === payload.handoff_key,
    log,
    what: "handoff",
  });
  if (earlier) return earlier;
  const wait = await paced.postWait(channelId);
  if (wait > 0) return { kind: "wait", ms: wait, method: "chat.postMessage" };
  const posted = await postJobMessage(ctx, job, channelId, {
    channel: channelId,
    text: payload.text,
    blocks: payload.blocks,
    metadata: {
      event_type: HANDOFF_METADATA_EVENT_TYPE,
      event_payload: { handoff_key: payload.handoff_key },
    },
    unfurl_links: false,
    unfurl_media: false,
  });
  if (!posted.ok) return { kind: "error", error: posted.error };
  logger.info({ ...log, ts: posted.data.ts }, "handoff posted");
  return { kind: "done", sent: 1 };
}
