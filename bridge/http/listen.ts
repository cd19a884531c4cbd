// Starts the Node HTTP server with the bridge's limits, turning a failed listen into a reason.
import { serve } from "@hono/node-server";
import type { Server } from "node:http";
import {
  applyServerLimits,
  type HttpLimits,
  serverOptionsFor,
} from "./http-limits.ts";

/** The HTTP server could not listen (EADDRINUSE: another process has the port; EACCES: a privileged port). */
export class ListenError extends Error {
  override name = "ListenError";
  readonly code: string | undefined;
  constructor(
    readonly host: string,
    readonly port: number,
    options: { cause: unknown },
  ) {
    const code = (options.cause as { code?: string })?.code;
    super(
      `cannot listen on ${host}:${port}: ${
        code === "EADDRINUSE"
          ? "the address is already in use (another process has the port)"
          : (options.cause as Error)?.message ?? String(options.cause)
      }`,
      options,
    );
    this.code = code;
  }
}

export async function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  { host, port, httpLimits }: {
    host: string;
    port: number;
    httpLimits: HttpLimits;
  },
): Promise<{ server: ReturnType<typeof serve>; port: number }> {
  return await new Promise((resolve, reject) => {
    // Without a listener a failed listen is an uncaught exception: a stack trace instead of a reason.
    const failed = (cause: Error) =>
      reject(new ListenError(host, port, { cause }));
    const server = serve({
      fetch,
      port,
      hostname: host,
      serverOptions: serverOptionsFor(httpLimits),
    }, (info) => {
      server.off("error", failed);
      applyServerLimits(server as Server, httpLimits);
      resolve({ server, port: info.port });
    });
    server.once("error", failed);
  });
}
