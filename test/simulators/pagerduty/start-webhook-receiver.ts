// A loopback HTTP receiver for webhook tests: records every request (headers and raw body) in arrival order
// and answers with whatever the test's responder decides (status, optional delay).

import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** Parsed JSON body, or null when it is not JSON. */
  // deno-lint-ignore no-explicit-any
  json: any;
  /** Set once the response has been sent. */
  answeredWith?: number;
}

export type WebhookResponder = (
  request: ReceivedWebhook,
  index: number,
) =>
  | number
  | { status: number; delayMs?: number }
  | Promise<number | { status: number; delayMs?: number }>;

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  respondWith(responder: WebhookResponder): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(
  responder: WebhookResponder = () => 202,
): Promise<WebhookReceiver> {
  let respond = responder;
  const received: ReceivedWebhook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        // keep null
      }
      const entry: ReceivedWebhook = { headers: req.headers, body, json };
      const index = received.push(entry) - 1;
      const decision = await respond(entry, index);
      const { status, delayMs = 0 } = typeof decision === "number"
        ? { status: decision }
        : decision;
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      entry.answeredWith = status;
      if (!res.destroyed) res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/pagerduty`,
    received,
    respondWith(next) {
      respond = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
