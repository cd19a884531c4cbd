// JSON.parse's errors quote the input: V8 says `Unexpected token 'x', "…a piece of the body…" is not valid JSON`.
// A body may carry anything (a secret pasted in the wrong field, someone else's payload), and the message
// goes back in a 400 and into the logs, so the problem names the place only: a position, a line and a column.

export type ParseJsonResult =
  | { ok: true; value: unknown }
  | {
    ok: false;
    /** e.g. `unexpected character at position 17 (line 2, column 5)`; never a piece of the input. */
    problem: string;
  };

export function parseJson(text: string): ParseJsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, problem: describeSyntaxError(text) };
  }
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const LITERALS = { t: "true", f: "false", n: "null" } as const;
const DIGIT = /[0-9]/;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * Where RFC 8259's grammar first fails, found by a scan that keeps no part of the text. Only runs after
 * JSON.parse refused the text; iterative, so a deeply nested body cannot overflow the stack.
 */
function describeSyntaxError(text: string): string {
  const at = syntaxErrorPosition(text);
  if (at < 0) return "not valid JSON";
  if (at >= text.length) return "unexpected end of input";
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i += 1) {
    if (text[i] === "\n") {
      line += 1;
      lineStart = i + 1;
    }
  }
  return `unexpected character at position ${at} (line ${line}, column ${
    at - lineStart + 1
  })`;
}

function syntaxErrorPosition(text: string): number {
  let i = 0;
  const skipWhitespace = () => {
    while (i < text.length && WHITESPACE.has(text[i] as string)) i += 1;
  };
  const digits = () => {
    const start = i;
    while (i < text.length && DIGIT.test(text[i] as string)) i += 1;
    return i > start;
  };
  /** Scans one scalar value at i; false (i at the fault) when it is not one. */
  const scalar = (): boolean => {
    const c = text[i];
    if (c === '"') {
      for (i += 1; i < text.length; i += 1) {
        const s = text[i] as string;
        if (s === '"') {
          i += 1;
          return true;
        }
        if (s < " ") return false;
        if (s === "\\") {
          i += 1;
          if (text[i] === "u") {
            if (!HEX4.test(text.slice(i + 1, i + 5))) return false;
            i += 4;
          } else if (!ESCAPES.has(text[i] ?? "")) return false;
        }
      }
      return false;
    }
    if (c === "-" || (c !== undefined && DIGIT.test(c))) {
      if (c === "-") i += 1;
      if (text[i] === "0") i += 1;
      else if (!digits()) return false;
      if (text[i] === ".") {
        i += 1;
        if (!digits()) return false;
      }
      if (text[i] === "e" || text[i] === "E") {
        i += 1;
        if (text[i] === "+" || text[i] === "-") i += 1;
        if (!digits()) return false;
      }
      return true;
    }
    const literal = LITERALS[c as keyof typeof LITERALS];
    if (literal === undefined) return false;
    for (const expected of literal) {
      if (text[i] !== expected) return false;
      i += 1;
    }
    return true;
  };

  // Open containers, innermost last: "}" or "]" is what closes each.
  const open: string[] = [];
  for (;;) {
    // A value is expected here.
    skipWhitespace();
    const c = text[i];
    if (c === "{" || c === "[") {
      open.push(c === "{" ? "}" : "]");
      i += 1;
      skipWhitespace();
      if (text[i] === open.at(-1)) {
        open.pop();
        i += 1;
      } else {
        if (c === "{") {
          if (text[i] !== '"' || !scalar()) return i;
          skipWhitespace();
          if (text[i] !== ":") return i;
          i += 1;
        }
        continue;
      }
    } else if (!scalar()) return i;
    // After a value: a separator, a closer, or the end.
    for (;;) {
      skipWhitespace();
      const closer = open.at(-1);
      // Complete: trailing text is the fault (-1, valid, cannot be: JSON.parse refused it).
      if (closer === undefined) return i < text.length ? i : -1;
      if (text[i] === closer) {
        open.pop();
        i += 1;
        continue;
      }
      if (text[i] !== ",") return i;
      i += 1;
      if (closer === "}") {
        skipWhitespace();
        if (text[i] !== '"' || !scalar()) return i;
        skipWhitespace();
        if (text[i] !== ":") return i;
        i += 1;
      }
      break;
    }
  }
}
