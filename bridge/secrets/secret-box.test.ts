import { describe, expect, it } from "vitest";
import { createSecretBox, SecretBoxError } from "./secret-box.ts";

const KEY = "k".repeat(40);

describe("secret box", () => {
  it("opens what it sealed, and the sealed text holds no trace of the secret", () => {
    const box = createSecretBox(KEY);
    const sealed = box.seal("xoxb-1234-secret-token");
    expect(sealed).not.toContain("xoxb");
    expect(sealed).not.toContain("secret");
    expect(box.open(sealed)).toBe("xoxb-1234-secret-token");
  });

  it("seals the same secret differently each time (a fresh IV)", () => {
    const box = createSecretBox(KEY);
    expect(box.seal("same")).not.toBe(box.seal("same"));
  });

  it("refuses a value sealed under another key, or altered", () => {
    const sealed = createSecretBox(KEY).seal("xoxb-secret");
    expect(() => createSecretBox("o".repeat(40)).open(sealed)).toThrow(
      new SecretBoxError("wrong_key_or_altered"),
    );
    const [format, iv, tag, body] = sealed.split(":");
    const flipped = (body![0] === "A" ? "B" : "A") + body!.slice(1);
    expect(() =>
      createSecretBox(KEY).open([format, iv, tag, flipped].join(":"))
    )
      .toThrow(SecretBoxError);
  });

  it("says a value is malformed rather than guessing", () => {
    const box = createSecretBox(KEY);
    for (const bad of ["", "xoxb-plain", "v2:a:b:c", "v1:a:b", "v1:a:b:c:d"]) {
      expect(() => box.open(bad)).toThrow(new SecretBoxError("malformed"));
    }
  });

  it("refuses a short key, and its error never quotes the key", () => {
    expect(() => createSecretBox("short-key")).toThrow(/at least 32/);
    try {
      createSecretBox("short-key");
    } catch (error) {
      expect(String(error)).not.toContain("short-key");
    }
  });
});
