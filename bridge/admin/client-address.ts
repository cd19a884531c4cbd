// Whom a request comes from, for the login rate limit. The socket's address, unless it is one of
// PAGERSLACK_TRUSTED_PROXIES: then the nearest X-Forwarded-For entry that is not a trusted proxy. The header is
// never believed otherwise (any client can send it). IPv6 clients count per /64, the block one host usually
// holds, so cycling through its addresses does not give one guesser a fresh budget each time.
import { isIPv6 } from "node:net";
import type { Context } from "hono";

function socketAddress(c: Context): string | undefined {
  // @hono/node-server passes the Node request as `incoming`; in-process requests (tests) have none.
  return (c.env as
    | { incoming?: { socket?: { remoteAddress?: string } } }
    | undefined)?.incoming?.socket?.remoteAddress;
}

const normal = (address: string) => address.replace(/^::ffff:/i, "").trim();

function per64(address: string): string {
  if (!isIPv6(address)) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === "" ? [] : tail.split(":");
  const groups = address.includes("::")
    ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${
    groups.slice(0, 4).map((g) => g.toLowerCase() || "0").join(":")
  }::/64`;
}

export function clientAddress(
  c: Context,
  trustedProxies: readonly string[] = [],
): string {
  const socket = socketAddress(c);
  if (socket === undefined) return "local";
  const trusted = new Set(trustedProxies.map(normal));
  let client = normal(socket);
  if (trusted.has(client)) {
    const hops = (c.req.header("x-forwarded-for") ?? "").split(",").map(normal)
      .filter((h) => h !== "");
    // Right to left: the entries a trusted proxy appended are true; the first untrusted one is the client.
    for (let i = hops.length - 1; i >= 0; i--) {
      client = hops[i]!;
      if (!trusted.has(client)) break;
    }
  }
  return per64(client);
}
