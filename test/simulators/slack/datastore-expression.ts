/**
 * The filter expressions apps.datastore.query and count accept. Slack's datastores sit on DynamoDB and take
 * its filter syntax: comparisons (`= <> < <= > >=`), `BETWEEN :a AND :b`, `begins_with(#a, :v)`,
 * `contains(#a, :v)`, `attribute_exists(#a)`, `attribute_not_exists(#a)`, `NOT`, `AND`, `OR` and parentheses;
 * `#name` placeholders come from `expression_attributes`, `:name` placeholders from `expression_values`.
 */
export type Operand =
  | { kind: "attribute"; name: string }
  | { kind: "value"; value: unknown };

export type Comparator = "=" | "<>" | "<" | "<=" | ">" | ">=";

export type ExpressionNode =
  | { kind: "compare"; op: Comparator; left: Operand; right: Operand }
  | { kind: "between"; subject: Operand; low: Operand; high: Operand }
  | {
    kind: "function";
    name: "begins_with" | "contains";
    subject: Operand;
    argument: Operand;
  }
  | { kind: "exists"; attribute: string; negated: boolean }
  | { kind: "and" | "or"; left: ExpressionNode; right: ExpressionNode }
  | { kind: "not"; inner: ExpressionNode };

export type ParsedExpression =
  | { ok: true; node: ExpressionNode; attributes: ReadonlySet<string> }
  | { ok: false; message: string };

type Token = { type: "op" | "word" | "attr" | "value" | "punct"; text: string };

const TOKEN =
  /\s*(?:(<=|>=|<>|=|<|>)|([(),])|#([A-Za-z0-9_]+)|:([A-Za-z0-9_]+)|([A-Za-z_][A-Za-z0-9_.]*))/y;

function tokenize(source: string): Token[] | string {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let index = 0;
  while (index < source.length) {
    if (/^\s*$/.test(source.slice(index))) break;
    TOKEN.lastIndex = index;
    const m = TOKEN.exec(source);
    if (!m) return `unexpected character at ${index}: "${source.slice(index)}"`;
    index = TOKEN.lastIndex;
    if (m[1]) tokens.push({ type: "op", text: m[1] });
    else if (m[2]) tokens.push({ type: "punct", text: m[2] });
    else if (m[3]) tokens.push({ type: "attr", text: `#${m[3]}` });
    else if (m[4]) tokens.push({ type: "value", text: `:${m[4]}` });
    else if (m[5]) tokens.push({ type: "word", text: m[5] });
  }
  return tokens;
}

class ExpressionSyntaxError extends Error {
  override name = "ExpressionSyntaxError";
}

export function parseDatastoreExpression(
  source: string,
  attributeNames: Readonly<Record<string, string>> = {},
  values: Readonly<Record<string, unknown>> = {},
): ParsedExpression {
  const tokens = tokenize(source);
  if (typeof tokens === "string") return { ok: false, message: tokens };
  const used = new Set<string>();
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (word: string) =>
    peek()?.type === "word" && peek()?.text.toUpperCase() === word;
  const expect = (text: string) => {
    if (peek()?.text !== text) {
      throw new ExpressionSyntaxError(
        `expected "${text}" at token ${pos}, got "${peek()?.text ?? "end"}"`,
      );
    }
    pos += 1;
  };

  const operand = (): Operand => {
    const t = tokens[pos++];
    if (!t) throw new ExpressionSyntaxError("expression ends too early");
    if (t.type === "attr") {
      const name = attributeNames[t.text];
      if (name === undefined) {
        throw new ExpressionSyntaxError(
          `attribute placeholder ${t.text} is not in expression_attributes`,
        );
      }
      used.add(name);
      return { kind: "attribute", name };
    }
    if (t.type === "value") {
      if (!(t.text in values)) {
        throw new ExpressionSyntaxError(
          `value placeholder ${t.text} is not in expression_values`,
        );
      }
      return { kind: "value", value: values[t.text] };
    }
    if (t.type === "word" && !RESERVED.has(t.text.toUpperCase())) {
      used.add(t.text);
      return { kind: "attribute", name: t.text };
    }
    throw new ExpressionSyntaxError(`unexpected "${t.text}"`);
  };

  const attributeOf = (o: Operand): string => {
    if (o.kind !== "attribute") {
      throw new ExpressionSyntaxError("expected an attribute");
    }
    return o.name;
  };

  const primary = (): ExpressionNode => {
    const t = peek();
    if (!t) throw new ExpressionSyntaxError("expression ends too early");
    if (t.text === "(") {
      pos += 1;
      const inner = or();
      expect(")");
      return inner;
    }
    if (
      t.type === "word" && FUNCTIONS.has(t.text) &&
      tokens[pos + 1]?.text === "("
    ) {
      pos += 2;
      const subject = operand();
      if (t.text === "attribute_exists" || t.text === "attribute_not_exists") {
        expect(")");
        return {
          kind: "exists",
          attribute: attributeOf(subject),
          negated: t.text === "attribute_not_exists",
        };
      }
      expect(",");
      const argument = operand();
      expect(")");
      return {
        kind: "function",
        name: t.text as "begins_with" | "contains",
        subject,
        argument,
      };
    }
    const left = operand();
    if (isWord("BETWEEN")) {
      pos += 1;
      const low = operand();
      if (!isWord("AND")) throw new ExpressionSyntaxError("BETWEEN needs AND");
      pos += 1;
      const high = operand();
      return { kind: "between", subject: left, low, high };
    }
    const op = tokens[pos++];
    if (op?.type !== "op") {
      throw new ExpressionSyntaxError(
        `expected a comparison after ${JSON.stringify(left)}`,
      );
    }
    return {
      kind: "compare",
      op: op.text as Comparator,
      left,
      right: operand(),
    };
  };

  const not = (): ExpressionNode => {
    if (isWord("NOT")) {
      pos += 1;
      return { kind: "not", inner: not() };
    }
    return primary();
  };

  const and = (): ExpressionNode => {
    let left = not();
    while (isWord("AND")) {
      pos += 1;
      left = { kind: "and", left, right: not() };
    }
    return left;
  };

  const or = (): ExpressionNode => {
    let left = and();
    while (isWord("OR")) {
      pos += 1;
      left = { kind: "or", left, right: and() };
    }
    return left;
  };

  try {
    const node = or();
    if (pos < tokens.length) {
      throw new ExpressionSyntaxError(`unexpected "${tokens[pos]?.text}"`);
    }
    return { ok: true, node, attributes: used };
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) {
      return { ok: false, message: error.message };
    }
    throw error;
  }
}

const RESERVED = new Set(["AND", "OR", "NOT", "BETWEEN"]);
const FUNCTIONS = new Set([
  "begins_with",
  "contains",
  "attribute_exists",
  "attribute_not_exists",
]);

function resolve(o: Operand, item: Record<string, unknown>): unknown {
  return o.kind === "value" ? o.value : item[o.name];
}

/** DynamoDB compares only values of one type; anything else is simply false. */
function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === "boolean" && typeof b === "boolean") {
    return a === b ? 0 : undefined;
  }
  return undefined;
}

export function matchesExpression(
  node: ExpressionNode,
  item: Record<string, unknown>,
): boolean {
  switch (node.kind) {
    case "and":
      return matchesExpression(node.left, item) &&
        matchesExpression(node.right, item);
    case "or":
      return matchesExpression(node.left, item) ||
        matchesExpression(node.right, item);
    case "not":
      return !matchesExpression(node.inner, item);
    case "exists":
      return (item[node.attribute] !== undefined) !== node.negated;
    case "between": {
      const v = resolve(node.subject, item);
      const lo = compare(v, resolve(node.low, item));
      const hi = compare(v, resolve(node.high, item));
      return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
    }
    case "function": {
      const subject = resolve(node.subject, item);
      const argument = resolve(node.argument, item);
      if (node.name === "begins_with") {
        return typeof subject === "string" && typeof argument === "string" &&
          subject.startsWith(argument);
      }
      if (typeof subject === "string") {
        return typeof argument === "string" && subject.includes(argument);
      }
      return Array.isArray(subject) && subject.includes(argument);
    }
    case "compare": {
      const left = resolve(node.left, item);
      const right = resolve(node.right, item);
      if (node.op === "<>") {
        return left !== undefined && right !== undefined &&
          compare(left, right) !== 0;
      }
      const c = compare(left, right);
      if (c === undefined) return false;
      switch (node.op) {
        case "=":
          return c === 0;
        case "<":
          return c < 0;
        case "<=":
          return c <= 0;
        case ">":
          return c > 0;
        case ">=":
          return c >= 0;
      }
    }
  }
}
