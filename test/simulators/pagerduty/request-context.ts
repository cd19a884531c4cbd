// What every route needs from a request: who is calling (set by the auth middleware), the acting user for
// writes (`From` with API keys), and the parsed JSON body. Scopes and the required `From` are checked before
// any route, from the spec (create-pagerduty-app.ts, spec-operations.ts).

import type { Context } from "hono";
import type { Actor, IncidentCommands } from "./incident-commands.ts";
import { PagerDutyError } from "./pagerduty-error.ts";
import type { SimulatorState, SimUser } from "./simulator-state.ts";
import type { WebhookDispatcher } from "./webhook-dispatcher.ts";

export interface RequestAuth {
  kind: "api_key" | "user_token";
  /** Rate-limit bucket: the API key, or the user for user tokens. */
  callerKey: string;
  readOnly: boolean;
  user: SimUser | null;
  scopes: string[] | null;
  clientName: string | null;
}

export interface SimulatorServices {
  state: SimulatorState;
  commands: IncidentCommands;
  webhooks: WebhookDispatcher;
  now: () => Date;
}

export type SimEnv = {
  Variables: { auth: RequestAuth; body: unknown };
};

export type SimContext = Context<SimEnv>;

/** PagerDuty's wording when a write lacks the requester's `From` header. */
export const FROM_HEADER_REQUIRED =
  'You must specify a user\'s email address in the "From" header to perform this action';

/**
 * The acting user. User tokens act as their user; API keys act as the `From` user, which incident writes
 * require (PagerDuty answers 400 without it).
 */
export function actorFor(
  c: SimContext,
  state: SimulatorState,
  requireFrom: boolean,
): Actor {
  const auth = c.get("auth");
  if (auth.kind === "user_token") {
    return {
      userId: auth.user!.id,
      via: "user_token",
      clientName: auth.clientName,
    };
  }
  const from = c.req.header("From")?.trim();
  if (!from) {
    if (requireFrom) {
      throw new PagerDutyError("invalidInput", [FROM_HEADER_REQUIRED]);
    }
    return { userId: null, via: "api_key", clientName: null };
  }
  const email = from.toLowerCase();
  const user = [...state.users.values()].find((u) => u.email === email);
  if (!user) {
    throw new PagerDutyError("requesterNotFound", [
      `No user with email ${from}`,
    ]);
  }
  return { userId: user.id, via: "api_key", clientName: null };
}

/** The parsed JSON body (parsed once by the body middleware); `{}` when there was none. */
export function jsonBody(c: SimContext): Record<string, unknown> {
  const body = c.get("body");
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new PagerDutyError("invalidInput", [
      "The request body must be a JSON object",
    ]);
  }
  return body as Record<string, unknown>;
}

/** Repeated query parameters, PagerDuty style (`statuses[]=a&statuses[]=b`); also accepts the bare name. */
export function queryList(c: SimContext, name: string): string[] {
  return [
    ...(c.req.queries(`${name}[]`) ?? []),
    ...(c.req.queries(name) ?? []),
  ];
}

export function checkEnum(
  name: string,
  values: string[],
  allowed: readonly string[],
): void {
  const bad = values.filter((v) => !allowed.includes(v));
  if (bad.length) {
    throw new PagerDutyError("invalidInput", [
      `${name} must be one of ${allowed.join(", ")} (got ${bad.join(", ")})`,
    ]);
  }
}
