import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config/load-config.ts";
import { type RunningBridge, startBridge } from "../start-bridge.ts";
import {
  silentLogger,
  TEST_API_TOKEN,
} from "../../test/support/bridge-test-support.ts";

// The real limits are seconds; these are the same mechanisms, shortened so that the tests are quick.
const LIMITS = {
  headersTimeoutMs: 300,
  requestTimeoutMs: 600,
  checkIntervalMs: 100,
  maxConnections: 20,
};

let bridge: RunningBridge;
beforeAll(async () => {
  const config = loadConfig({
    HOST: "127.0.0.1",
    PORT: "0",
    DATABASE_URL: ":memory:",
    PAGERDUTY_WEBHOOK_SECRETS: "whsec-limits",
    SLACK_BOT_TOKEN: "xoxb-limits",
    SLACK_API_URL: "http://127.0.0.1:9/api/",
    SLACK_ACTIONS_TRIGGER_URL: "https://slack.com/shortcuts/Ft0LIMITS/abc",
    PAGERSLACK_API_TOKENS: TEST_API_TOKEN,
  });
  if (!config.ok) throw new Error(config.problems.join("; "));
  bridge = await startBridge(config.config, {
    logger: silentLogger(),
    httpLimits: LIMITS,
  });
});
afterAll(() => bridge.stop());

interface RawExchange {
  /** The status line the bridge answered, if any. */
  status: string | null;
  headers: string;
  /** Body bytes the client managed to hand over before the bridge closed the connection. */
  written: number;
}

/**
 * Sends `head` and then, unless `stall`, up to `bodyBytes` of body, stopping when the bridge closes the
 * socket; resolves when the socket is closed. The client reads, so it sees the bridge's close.
 */
function rawRequest(
  head: string,
  { bodyBytes = 0, stall = false }: { bodyBytes?: number; stall?: boolean } =
    {},
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = net.connect(bridge.port, "127.0.0.1");
    let answer = "";
    let written = 0;
    let open = true;
    socket.on("data", (data) => (answer += data.toString("latin1")));
    socket.on("error", () => {});
    socket.on("close", () => {
      open = false;
      const [headers = ""] = answer.split("\r\n\r\n");
      resolve({
        status: answer === "" ? null : headers.split("\r\n")[0] ?? null,
        headers: headers.toLowerCase(),
        written,
      });
    });
    socket.write(head);
    if (stall) return;
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    const pump = () => {
      while (open && written < bodyBytes) {
        written += chunk.length;
        if (!socket.write(chunk)) return void socket.once("drain", pump);
      }
    };
    pump();
  });
}

const MB = 1024 * 1024;

describe("slow or huge requests cost nothing", () => {
  it("answers a stalled upload 408 and closes it", async () => {
    const exchange = await rawRequest(
      'POST /webhooks/pagerduty HTTP/1.1\r\nHost: bridge\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"event":',
      { stall: true },
    );
    expect(exchange.status).toBe("HTTP/1.1 408 Request Timeout");
  });

  it("closes a connection that never finishes its headers", async () => {
    const exchange = await rawRequest("POST /webhooks/pagerduty HTTP/1.1\r\n", {
      stall: true,
    });
    expect(exchange.status).toBe("HTTP/1.1 408 Request Timeout");
  });

  it("refuses an unauthenticated upload to the bridge API without reading it", async () => {
    const total = 64 * MB;
    const exchange = await rawRequest(
      `PUT /api/v1/connections/x HTTP/1.1\r\nHost: bridge\r\nContent-Type: application/json\r\nContent-Length: ${total}\r\n\r\n`,
      { bodyBytes: total },
    );
    expect(exchange.status).toBe("HTTP/1.1 401 Unauthorized");
    expect(exchange.headers).toContain("connection: close");
    // The bridge closed the connection instead of taking the rest: only socket buffers' worth went out.
    expect(exchange.written).toBeLessThan(total / 4);
  });

  it.each([
    ["a Content-Length over the limit", true],
    ["a chunked body that grows past it", false],
  ])(
    "refuses an authenticated body with %s (413) without reading it all",
    async (_name, declared) => {
      const total = 64 * MB;
      const exchange = await rawRequest(
        `PUT /api/v1/connections/x HTTP/1.1\r\nHost: bridge\r\nAuthorization: Bearer ${TEST_API_TOKEN}\r\nContent-Type: application/json\r\n${
          declared
            ? `Content-Length: ${total}\r\n\r\n`
            : "Transfer-Encoding: chunked\r\n\r\n40000\r\n"
        }`,
        { bodyBytes: total },
      );
      expect(exchange.status).toBe("HTTP/1.1 413 Payload Too Large");
      expect(exchange.written).toBeLessThan(total / 4);
    },
  );

  it("closes connections beyond the cap at once, and answers again once idle ones time out", async () => {
    const idle = Array.from(
      { length: LIMITS.maxConnections },
      () => rawRequest("GET /healthz HTTP/1.1\r\n", { stall: true }),
    );
    // Let the bridge accept the idle ones before knocking again.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await rawRequest(
      "GET /healthz HTTP/1.1\r\nHost: b\r\n\r\n",
    );
    expect(refused.status).toBeNull();
    const timedOut = await Promise.all(idle);
    expect(timedOut.every((e) => e.status === "HTTP/1.1 408 Request Timeout"))
      .toBe(true);
    const health = await fetch(`http://127.0.0.1:${bridge.port}/healthz`);
    expect(health.status).toBe(200);
  });
});
