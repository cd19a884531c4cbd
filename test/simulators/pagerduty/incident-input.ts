// Shapes and enums of incident write bodies (REST spec request schemas), shared by the state machine and the
// activity commands.

import { PagerDutyError } from "./pagerduty-error.ts";

export type Json = Record<string, unknown>;

export const INCIDENT_STATUSES = [
  "triggered",
  "acknowledged",
  "resolved",
] as const;
export const URGENCIES = ["high", "low"] as const;

/** Reference `type` values the REST spec allows per field of incident writes. */
export const REFERENCE_TYPES = {
  service: ["service_reference"],
  user: ["user_reference"],
  escalationPolicy: ["escalation_policy_reference"],
  priority: ["priority_reference", "priority"],
} as const;

/** Why `value` is not a reference of one of `types` (`{id, type}`), or null when it is one. */
export function referenceProblem(
  value: unknown,
  types: readonly string[],
  name: string,
): string | null {
  if (!isObject(value) || typeof value.id !== "string") {
    return `${name} must be a reference with an id`;
  }
  if (typeof value.type !== "string" || !types.includes(value.type)) {
    return `${name}.type must be one of ${types.join(", ")}`;
  }
  return null;
}

export function referenceId(
  value: unknown,
  types: readonly string[],
  name: string,
): string {
  const problem = referenceProblem(value, types, name);
  if (problem) throw new PagerDutyError("invalidInput", [problem]);
  return (value as Json).id as string;
}

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
