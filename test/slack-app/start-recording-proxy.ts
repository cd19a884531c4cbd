import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";

export interface RecordingProxy {
  url: string;
  /** "METHOD /path" of every request, in order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Forwards everything to `target` and records what passed: proves which bridge calls a function made.
 * `onRequest` sees each "METHOD /path" before it is forwarded (a test advancing a clock stands for latency), and
 * the request waits for it (a test making something happen while the caller waits for the answer).
 */
export async function startRecordingProxy(
  target: string,
  onRequest: (request: string) => void | Promise<void> = () => {},
): Promise<RecordingProxy> {
  const requests: string[] = [];
  const app = new Hono();
  app.all("*", async (c) => {
    const url = new URL(c.req.url);
    requests.push(`${c.req.method} ${url.pathname}`);
    await onRequest(`${c.req.method} ${url.pathname}`);
    const body = ["GET", "HEAD"].includes(c.req.method)
      ? undefined
      : await c.req.arrayBuffer();
    return await fetch(target + url.pathname + url.search, {
      method: c.req.method,
      headers: c.req.raw.headers,
      body,
    });
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve(
      { fetch: app.fetch, port: 0, hostname: "127.0.0.1" },
      () => resolve(s),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve()))
      ),
  };
}
