import { describe, expect, it } from "vitest";
import { parseJson } from "./parse-json.ts";

describe("parseJson", () => {
  it("parses valid JSON", () => {
    expect(parseJson('{"a":[1,-2.5e3,"x\\u00e9",true,null,{}]}')).toEqual({
      ok: true,
      value: { a: [1, -2500, "xé", true, null, {}] },
    });
  });

  it.each([
    [
      '{"token": xoxb-secret-1}',
      "unexpected character at position 10 (line 1, column 11)",
    ],
    [
      '{"event": {"id": "E1",}}',
      "unexpected character at position 22 (line 1, column 23)",
    ],
    [
      '{\n  "secret": "hunter2"\n  "more": 1}',
      "unexpected character at position 26 (line 3, column 3)",
    ],
    ['{"a": "sk-live-123', "unexpected end of input"],
    [
      '{"a": 1} trailing-secret',
      "unexpected character at position 9 (line 1, column 10)",
    ],
    ["[01]", "unexpected character at position 2 (line 1, column 3)"],
    [
      '{"a": "\\x-secret"}',
      "unexpected character at position 8 (line 1, column 9)",
    ],
    [
      '{"a": "\\u12g4"}',
      "unexpected character at position 8 (line 1, column 9)",
    ],
    [
      '{"a": "tab\there"}',
      "unexpected character at position 10 (line 1, column 11)",
    ],
    ["{secret: 1}", "unexpected character at position 1 (line 1, column 2)"],
    ["tru-secret", "unexpected character at position 3 (line 1, column 4)"],
    ["", "unexpected end of input"],
    ["[".repeat(100_000), "unexpected end of input"], // deep: no stack overflow
  ].map(([text, problem]) => [problem as string, text as string] as const))(
    "%s, and no piece of the input (%#)",
    (problem, text) => {
      const result = parseJson(text);
      expect(result).toEqual({ ok: false, problem });
      for (const secret of ["xoxb", "secret", "hunter2", "sk-live", "here"]) {
        expect(JSON.stringify(result)).not.toContain(secret);
      }
    },
  );
});
