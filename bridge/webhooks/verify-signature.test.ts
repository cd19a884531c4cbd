import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "./verify-signature.ts";

const body = new TextEncoder().encode('{"event":{}}');

describe("verifySignature", () => {
  it("accepts a signature made with any configured secret", () => {
    expect(verifySignature(body, signBody(body, ["old"]), ["new", "old"]))
      .toBe(true);
    expect(verifySignature(body, signBody(body, ["new"]), ["new", "old"]))
      .toBe(true);
  });

  it("accepts a header carrying several signatures during rotation", () => {
    expect(verifySignature(body, signBody(body, ["gone", "new"]), ["new"]))
      .toBe(true);
  });

  it("rejects missing, malformed, foreign-scheme and wrong signatures", () => {
    expect(verifySignature(body, undefined, ["s"])).toBe(false);
    expect(verifySignature(body, "", ["s"])).toBe(false);
    expect(verifySignature(body, "v1=zz", ["s"])).toBe(false);
    const good = signBody(body, ["s"]).slice(3);
    expect(verifySignature(body, `v2=${good}`, ["s"])).toBe(false);
    expect(verifySignature(body, signBody(body, ["other"]), ["s"])).toBe(false);
    const tampered = new TextEncoder().encode('{"event":{"x":1}}');
    expect(verifySignature(tampered, signBody(body, ["s"]), ["s"])).toBe(false);
  });

  it("ignores unknown schemes next to a valid v1 entry", () => {
    expect(
      verifySignature(body, `v9=abc, ${signBody(body, ["s"])}`, ["s"]),
    ).toBe(true);
  });
});
