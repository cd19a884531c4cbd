// The load generator's transport: node:http with a keep-alive agent limited to `concurrency` sockets, so the
// bridge and the baseline see exactly the same client (no fetch/undici pooling differences between runs).
import { Agent, request } from "node:http";

export interface PostResult {
  status: number;
  /** Milliseconds from dispatch to the end of the response. */
  ms: number;
  /** performance.now() when the response ended. */
  endedAt: number;
}

export interface HttpPoster {
  post(
    path: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<PostResult>;
  close(): void;
}

/** A transport failure (connection refused, reset): the run is broken, not merely slow. */
export class PostError extends Error {
  override name = "PostError";
  constructor(readonly url: string, override readonly cause: unknown) {
    super(`POST ${url} failed: ${(cause as Error)?.message ?? cause}`);
  }
}

export function createHttpPoster(
  baseUrl: string,
  { concurrency = 32 }: { concurrency?: number } = {},
): HttpPoster {
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  return {
    post(path, body, headers) {
      const started = performance.now();
      const attempt = (retry: boolean) =>
        new Promise<PostResult>((resolve, reject) => {
          const req = request({
            agent,
            host: base.hostname,
            port: base.port,
            path,
            method: "POST",
            headers: { ...headers, "content-length": Buffer.byteLength(body) },
          }, (res) => {
            res.resume();
            res.on("end", () => {
              const endedAt = performance.now();
              resolve({
                status: res.statusCode ?? 0,
                ms: endedAt - started,
                endedAt,
              });
            });
            res.on("error", (error) => reject(new PostError(baseUrl, error)));
          });
          req.on("error", (error) => {
            // The server closed an idle keep-alive socket just as this request went out on it (Node's documented
            // race, see `request.reusedSocket`). Sending again is safe: a webhook that did arrive is a duplicate.
            if (
              retry && req.reusedSocket &&
              (error as NodeJS.ErrnoException).code === "ECONNRESET"
            ) {
              attempt(false).then(resolve, reject);
            } else reject(new PostError(baseUrl, error));
          });
          req.end(body);
        });
      return attempt(true);
    },
    close() {
      agent.destroy();
    },
  };
}
