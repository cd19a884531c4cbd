import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address.ts";

/** The address the route would key on, for a request from `socket` with `forwarded` (X-Forwarded-For). */
async function keyOf(
  socket: string,
  forwarded: string | undefined,
  trusted: string[],
): Promise<string> {
  const app = new Hono();
  app.get("/", (c) => c.text(clientAddress(c, trusted)));
  const response = await app.request(
    "/",
    { headers: forwarded ? { "X-Forwarded-For": forwarded } : {} },
    { incoming: { socket: { remoteAddress: socket } } },
  );
  return await response.text();
}

describe("clientAddress", () => {
  it("ignores X-Forwarded-For from a proxy it is not told to trust", async () => {
    expect(await keyOf("203.0.113.7", "198.51.100.1", [])).toBe("203.0.113.7");
    expect(await keyOf("::ffff:10.0.0.2", "198.51.100.1", [])).toBe("10.0.0.2");
  });

  it("behind trusted proxies takes the nearest untrusted hop, not what the client wrote first", async () => {
    const trusted = ["10.0.0.2", "10.0.0.3"];
    expect(await keyOf("10.0.0.2", "198.51.100.1", trusted)).toBe(
      "198.51.100.1",
    );
    expect(
      await keyOf("10.0.0.2", "1.1.1.1, 198.51.100.1, 10.0.0.3", trusted),
    ).toBe("198.51.100.1");
  });

  it("counts an IPv6 client per /64", async () => {
    expect(await keyOf("2001:db8:1:2:aaaa::1", undefined, [])).toBe(
      "2001:db8:1:2::/64",
    );
    expect(await keyOf("2001:db8:1:2:bbbb:cccc:dddd:eeee", undefined, []))
      .toBe("2001:db8:1:2::/64");
    expect(await keyOf("2001:db8::1", undefined, [])).toBe("2001:db8:0:0::/64");
  });
});
