// A free loopback port for a child process that must know its port before it starts (the e2e bridge keeps
// it across restarts so the webhook subscription stays valid; the benchmarks pass it as PORT).
import { createServer } from "node:net";

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
