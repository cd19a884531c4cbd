import { SlackMethodError } from "./slack-method-error.ts";

/**
 * Arguments of one Web API call. Form-encoded and GET calls carry everything as strings (objects as JSON text);
 * JSON bodies carry real objects, booleans and numbers. These accessors read both the way Slack does.
 */
export class MethodArgs {
  readonly raw: Record<string, unknown>;

  constructor(raw: Record<string, unknown>) {
    this.raw = raw;
  }

  has(name: string): boolean {
    const value = this.raw[name];
    return value !== undefined && value !== null && value !== "";
  }

  string(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") {
      return String(value);
    }
    return JSON.stringify(value);
  }

  /** Slack's booleans: true, 1, "true", "1". */
  bool(name: string): boolean {
    const value = this.raw[name];
    return value === true || value === 1 || value === "true" || value === "1";
  }

  int(name: string): number | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === "") return undefined;
    const n = typeof value === "number" ? value : Number(value);
    return Number.isFinite(n) ? Math.trunc(n) : undefined;
  }

  /** A JSON argument; `errorCode` is the method's documented answer to text that does not parse. */
  json(name: string, errorCode: string): unknown {
    const value = this.raw[name];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value);
    } catch {
      throw new SlackMethodError(errorCode);
    }
  }
}
