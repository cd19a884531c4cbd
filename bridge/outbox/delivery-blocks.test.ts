import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testDialects } from "../../test/support/test-databases.ts";
import { capturingLogger } from "../../test/support/bridge-test-support.ts";
import { SLACK_SCOPES_USED } from "../slack/slack-methods-used.ts";
import { readDeliveryBlocks, tokenFingerprint } from "./delivery-blocks.ts";
import type { OutboxSender } from "./outbox-sender.ts";
import {
  type Harness,
  makeIncidentEvent,
  startHarness,
  T0,
} from "../../test/support/sender-harness.ts";

const dialects = await testDialects();
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const RETRY_MS = 60_000;

const trigger = (n: number) =>
  makeIncidentEvent("incident.triggered", {
    id: `T${n}`,
    occurred_at: at(n),
    incident: { id: `PINC30${n}`, number: 300 + n },
  });
const resolve = (n: number) =>
  makeIncidentEvent("incident.resolved", {
    id: `R${n}`,
    occurred_at: at(100 + n),
    incident: { id: `PINC30${n}`, number: 300 + n },
  });

describe.each(dialects)(
  "parked deliveries on $dialect",
  ({ dialect, skip }) => {
    describe.skipIf(skip !== null)(skip ?? "available", () => {
      let h: Harness;
      beforeEach(async () => {
        h = await startHarness(dialect);
      });
      afterEach(() => h.close());

      const cardsIn = (channel: string) =>
        h.slack.transcript(channel).filter((m) =>
          m.metadata?.event_type === "pagerduty_incident"
        );
      const outbox = () =>
        h.database.db.selectFrom("outbox").select(["status", "last_error"])
          .orderBy("id").execute();
      /** The sender of a bridge restarted with a new bot token for the same bot user (a reinstall). */
      function senderWithNewToken() {
        const fresh = h.slack.createToken({
          kind: "bot",
          appId: "ABRIDGE",
          userId: h.botUserId,
          scopes: [...SLACK_SCOPES_USED],
        });
        return h.sender({
          botToken: fresh.token,
          tokenFingerprint: tokenFingerprint(fresh.token),
        });
      }
      /** Runs the sender for `ms` of clock time, moving the clock over its waits, as the running bridge does. */
      async function runFor(sender: OutboxSender, ms: number) {
        const until = h.clock.ms + ms;
        while (h.clock.ms < until) {
          const { nextInMs } = await sender.runOnce();
          if (nextInMs === null) return;
          h.clock.ms += Math.max(nextInMs, 1);
        }
      }

      it.each([
        "invalid_auth",
        "not_authed",
        "token_revoked",
        "account_inactive",
        "missing_scope",
      ])(
        "%s parks every card, says so once, and delivers them all after a restart with a new token",
        async (error) => {
          await h.connect({});
          const other =
            h.slack.createChannel({ name: "other", members: [h.botUserId] }).id;
          await h.connect({ channel_id: other });
          h.slack.injectFault({
            method: "chat.postMessage",
            kind: "error",
            error,
            times: 1000,
          });
          await h.deliver(trigger(1), trigger(2), trigger(3));
          const { logger, atLeast } = capturingLogger();
          await runFor(
            h.sender({ logger, blockRetryMs: RETRY_MS }),
            10 * RETRY_MS,
          );

          // Nothing failed: every job waits, and the refusal was said once, not per job or per retry.
          expect((await outbox()).map((j) => j.status)).toEqual(
            Array(6).fill("pending"),
          );
          expect(atLeast(50)).toHaveLength(1);
          expect(atLeast(50)[0]!.msg).toMatch(/SLACK_BOT_TOKEN/);
          expect(h.metrics.deliveryBlocks.get({ scope: "workspace", error }))
            .toBe(1);
          // Tried once per channel that had work, then once per retry period with a single call: not per job.
          const refused = h.slack.calls({ method: "chat.postMessage" });
          expect(refused.length).toBeLessThanOrEqual(2 + 10);
          expect((await readDeliveryBlocks(h.database.db)).workspace)
            .toMatchObject({ scope: "workspace", error });

          // Webhooks still flow into the bridge meanwhile.
          await h.deliver(resolve(1));

          // The installer fixes the token and restarts the bridge: a new sender with the new token.
          h.slack.clearFaults();
          await h.flush(senderWithNewToken());
          for (const channel of [h.channel, other]) {
            const cards = cardsIn(channel);
            expect(cards.map((c) => c.metadata?.event_payload?.incident_id))
              .toEqual(["PINC301", "PINC302", "PINC303"]);
            expect(cards[0]!.metadata?.event_payload?.status).toBe("resolved");
          }
          expect((await readDeliveryBlocks(h.database.db)).workspace)
            .toBeNull();
        },
      );

      it("a refused token is tried again by itself, and work flows when the same token works again (a scope added on reinstall)", async () => {
        await h.connect({});
        h.slack.injectFault({
          method: "chat.postMessage",
          kind: "error",
          error: "missing_scope",
          times: 2,
        });
        await h.deliver(trigger(1), trigger(2));
        const { logger, atLeast } = capturingLogger();
        const sender = h.sender({ logger, blockRetryMs: RETRY_MS });
        await runFor(sender, 3 * RETRY_MS);
        expect(cardsIn(h.channel)).toHaveLength(2);
        expect((await outbox()).every((j) => j.status === "done")).toBe(true);
        expect(atLeast(50)).toHaveLength(1);
        expect((await readDeliveryBlocks(h.database.db)).workspace).toBeNull();
      });

      it("a real revoked token parks the work until a new token is configured", async () => {
        await h.connect({});
        h.slack.revokeToken(h.botToken);
        await h.deliver(trigger(1));
        await runFor(h.sender({ blockRetryMs: RETRY_MS }), 5 * RETRY_MS);
        expect(await outbox()).toEqual([{
          status: "pending",
          last_error: "invalid_auth",
        }]);
        await h.flush(senderWithNewToken());
        expect(cardsIn(h.channel)).toHaveLength(1);
      });

      it.each(["removed", "archived"] as const)(
        "a channel the bot was %s from parks that channel only, and its work goes out once fixed",
        async (how) => {
          await h.connect({});
          const other =
            h.slack.createChannel({ name: "other", members: [h.botUserId] }).id;
          await h.connect({ channel_id: other });
          if (how === "removed") {
            h.slack.workspace.channels.get(h.channel)!.members.delete(
              h.botUserId,
            );
          } else {
            h.slack.archiveChannel(h.channel);
          }
          await h.deliver(trigger(1), trigger(2));
          const { logger, atLeast } = capturingLogger();
          const sender = h.sender({ logger, blockRetryMs: RETRY_MS });
          await runFor(sender, 3 * RETRY_MS + 1);

          // The other channel is not held up.
          expect(cardsIn(other)).toHaveLength(2);
          expect(cardsIn(h.channel)).toHaveLength(0);
          const error = how === "removed" ? "not_in_channel" : "is_archived";
          expect(atLeast(50)).toHaveLength(1);
          expect(atLeast(50)[0]).toMatchObject({
            channel_id: h.channel,
            error,
          });
          expect(atLeast(50)[0]!.msg).toMatch(/Connect/);
          expect(
            (await readDeliveryBlocks(h.database.db)).channels.get(h.channel),
          )
            .toMatchObject({ scope: "channel", error });
          expect(
            (await h.database.db.selectFrom("outbox").select("status")
              .where("channel_id", "=", h.channel).execute()).map((j) =>
                j.status
              ),
          ).toEqual(["pending", "pending"]);
          // Retried at most once per retry period.
          const tries = h.slack.calls({ method: "chat.postMessage" }).filter((
            c,
          ) => c.args.channel === h.channel);
          expect(tries.length).toBeLessThanOrEqual(1 + 3);

          // Someone invites the bot back (or unarchives): the next retry delivers everything.
          const channel = h.slack.workspace.channels.get(h.channel)!;
          channel.members.add(h.botUserId);
          channel.isArchived = false;
          await runFor(sender, 2 * RETRY_MS);
          expect(cardsIn(h.channel)).toHaveLength(2);
          expect((await readDeliveryBlocks(h.database.db)).channels.size).toBe(
            0,
          );
        },
      );
    });
  },
);
