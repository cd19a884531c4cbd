import { describe, expect, it } from "vitest";
import {
  jsonOf,
  TEST_API_TOKEN,
  useLoggedBridgeApp,
} from "../../test/support/bridge-test-support.ts";

const h = useLoggedBridgeApp();

describe("bridge API bearer auth", () => {
  it("a flood of refused tokens is one warning saying why, never the token", async () => {
    for (let i = 0; i < 100; i += 1) {
      const response = await h.app.request("/api/v1/connections", {
        headers: { Authorization: `Bearer guessed-token-${i}` },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get("WWW-Authenticate")).toBe(
        'Bearer realm="pagerslack"',
      );
    }
    expect((await h.app.request("/api/v1/connections")).status).toBe(401);
    expect(h.warnings()).toEqual([
      expect.objectContaining({
        msg: "bridge API request refused",
        status: 401,
        reason: "bearer token not accepted",
        method: "GET",
        path: "/api/v1/connections",
      }),
    ]);
    expect(h.lines.join("\n")).not.toContain("guessed-token");
  });

  it.each([
    ["another scheme", "Basic dXNlcjpwYXNz", "no bearer token"],
    [
      "a token with a space",
      `Bearer ${TEST_API_TOKEN} extra`,
      "no bearer token",
    ],
    ["no token", "Bearer ", "no bearer token"],
    ["a wrong token", "Bearer nope", "bearer token not accepted"],
  ])(
    "%s is the same 401 (never a 400), logged with why",
    async (_name, header, reason) => {
      const response = await h.app.request("/api/v1/connections", {
        headers: { Authorization: header },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get("WWW-Authenticate")).toBe(
        'Bearer realm="pagerslack"',
      );
      expect(await jsonOf(response)).toEqual({
        error: "missing or invalid bearer token",
      });
      expect(h.warnings()).toEqual([expect.objectContaining({ reason })]);
    },
  );

  it("the scheme's case does not matter (RFC 7235)", async () => {
    const response = await h.app.request("/api/v1/connections", {
      headers: { Authorization: `bearer ${TEST_API_TOKEN}` },
    });
    expect(response.status).toBe(200);
  });

  it("a body that is not JSON is a 400 saying where, without quoting it", async () => {
    const response = await h.app.request("/api/v1/connections/conn-1", {
      method: "PUT",
      body: '{"channel_id": C0-pasted-secret}',
      headers: {
        Authorization: `Bearer ${TEST_API_TOKEN}`,
        "Content-Type": "application/json",
      },
    });
    expect(response.status).toBe(400);
    expect(await jsonOf(response)).toEqual({
      error:
        "body is not valid JSON: unexpected character at position 15 (line 1, column 16)",
      field: "body",
      problems: [{
        field: "body",
        problem:
          "is not valid JSON: unexpected character at position 15 (line 1, column 16)",
      }],
    });
  });
});
