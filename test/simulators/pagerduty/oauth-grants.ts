// PagerDuty's user OAuth grants as the simulator models them: an OAuth client (a PagerDuty App's Scoped OAuth
// functionality), user tokens it obtained, and their refresh tokens, with PagerDuty's documented lifetimes.
//
// Token lifetimes (https://developer.pagerduty.com/docs/oauth-functionality, "Token Lifetimes", Scoped OAuth):
// access token 1 day, refresh token 30 days, rolling refresh window 1 year. A refresh answers a new access token
// and a new refresh token (https://developer.pagerduty.com/docs/user-oauth-token-via-code-grant, "Getting a new
// Access Token with a Refresh Token"), so a refresh token works once. Failures follow RFC 6749 §5.2 (PagerDuty
// documents no body of its own): `invalid_client` (401) for bad client credentials, `invalid_grant` (400) for an
// expired, used or unknown refresh token.

import { randomBytes } from "node:crypto";
import type { SimulatorState, SimUserToken } from "./simulator-state.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Scoped OAuth's lifetimes, in ms. */
export const SCOPED_OAUTH_LIFETIMES = {
  accessToken: DAY_MS,
  refreshToken: 30 * DAY_MS,
  /** A chain of refreshes ends this long after the user authorized the app. */
  rollingWindow: 365 * DAY_MS,
} as const;

export interface SimOAuthClient {
  clientId: string;
  clientSecret: string;
  /** The PagerDuty App's name, reported as the webhook event's `client`. */
  name: string;
  /** Scopes granted to the app; null stands for Classic User OAuth `write` (all of the user's permissions). */
  scopes: string[] | null;
}

interface SimRefreshToken {
  token: string;
  clientId: string;
  userId: string;
  scopes: string[] | null;
  expiresAt: Date;
  /** End of the rolling window: no refresh token of this authorization lives past it. */
  windowEndsAt: Date;
  used: boolean;
}

/** The token endpoint's JSON answer (the fields PagerDuty documents). */
export interface OAuthTokenAnswer {
  token_type: "bearer";
  access_token: string;
  refresh_token: string;
  scope: string;
  expires_in: number;
}

/** RFC 6749 §5.2 error codes the simulator answers. */
export const OAUTH_ERRORS = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unsupported_grant_type: 400,
} as const;

export type OAuthErrorCode = keyof typeof OAUTH_ERRORS;

export type OAuthResult =
  | { ok: true; answer: OAuthTokenAnswer }
  | { ok: false; error: OAuthErrorCode; description: string };

export interface OAuthGrants {
  registerClient(
    input: { name?: string; scopes?: string[] | null; clientId?: string },
  ): SimOAuthClient;
  /**
   * What a user's consent plus the code exchange leave the app with (stands for the authorization flow).
   * `scopes` is the authorization request's `scope` (default: everything the client was granted); see
   * `scopesOfAuthorization` for what the token then holds.
   */
  authorize(
    input: { clientId: string; userId: string; scopes?: readonly string[] },
  ): OAuthTokenAnswer;
  /** `grant_type=refresh_token` at the token endpoint. */
  refresh(
    input: { clientId: string; clientSecret: string; refreshToken: string },
  ): OAuthResult;
}

/**
 * The scopes a user token holds after an authorization asking for `requested`: all of them when the app was
 * granted every one, otherwise only `openid`. PagerDuty does not refuse such a request: "If an invalid scope is
 * requested, we currently do not return an error. Instead, we grant partial scopes which will only be the
 * `openid` scope automatically attached to all tokens" (PagerDuty/developer-docs
 * docs/app-integration-development/09-User-OAuth-Token.md, "Troubleshooting: API Call results in 403").
 * `granted` null is Classic User OAuth (`write`: whatever the user may do).
 */
export function scopesOfAuthorization(
  granted: readonly string[] | null,
  requested: readonly string[] | undefined,
): string[] | null {
  if (requested === undefined) return granted === null ? null : [...granted];
  if (granted === null) return [...requested];
  return requested.every((scope) => granted.includes(scope))
    ? [...requested]
    : ["openid"];
}

function secret(prefix: string): string {
  return `${prefix}${randomBytes(16).toString("base64url")}`;
}

export function createOAuthGrants(
  state: SimulatorState,
  now: () => Date,
): OAuthGrants {
  const clients = new Map<string, SimOAuthClient>();
  const refreshTokens = new Map<string, SimRefreshToken>();

  function issue(
    client: SimOAuthClient,
    userId: string,
    windowEndsAt: Date,
    scopes: string[] | null,
  ): OAuthTokenAnswer {
    const issuedAt = now().getTime();
    const access: SimUserToken = {
      token: secret("pdus+_0"),
      userId,
      scopes,
      clientName: client.name,
      expiresAt: new Date(issuedAt + SCOPED_OAUTH_LIFETIMES.accessToken),
    };
    state.userTokens.set(access.token, access);
    const refresh: SimRefreshToken = {
      token: secret("pdus+_1"),
      clientId: client.clientId,
      userId,
      scopes: access.scopes,
      expiresAt: new Date(
        Math.min(
          issuedAt + SCOPED_OAUTH_LIFETIMES.refreshToken,
          windowEndsAt.getTime(),
        ),
      ),
      windowEndsAt,
      used: false,
    };
    refreshTokens.set(refresh.token, refresh);
    return {
      token_type: "bearer",
      access_token: access.token,
      refresh_token: refresh.token,
      scope: [
        ...new Set(["openid", ...(access.scopes ?? ["write"])]),
      ].join(" "),
      expires_in: SCOPED_OAUTH_LIFETIMES.accessToken / 1000,
    };
  }

  function requireClient(clientId: string): SimOAuthClient {
    const client = clients.get(clientId);
    if (!client) throw new Error(`unknown OAuth client ${clientId}`);
    return client;
  }

  return {
    registerClient({ name = "pagerslack", scopes = null, clientId } = {}) {
      const client: SimOAuthClient = {
        clientId: clientId ?? secret("client-"),
        clientSecret: secret("secret-"),
        name,
        scopes,
      };
      clients.set(client.clientId, client);
      return client;
    },
    authorize({ clientId, userId, scopes }) {
      const client = requireClient(clientId);
      if (!state.users.has(userId)) throw new Error(`unknown user ${userId}`);
      const windowEndsAt = new Date(
        now().getTime() + SCOPED_OAUTH_LIFETIMES.rollingWindow,
      );
      return issue(
        client,
        userId,
        windowEndsAt,
        scopesOfAuthorization(client.scopes, scopes),
      );
    },
    refresh({ clientId, clientSecret, refreshToken }) {
      const client = clients.get(clientId);
      if (!client || client.clientSecret !== clientSecret) {
        return {
          ok: false,
          error: "invalid_client",
          description: "Client authentication failed",
        };
      }
      const stored = refreshTokens.get(refreshToken);
      if (!stored || stored.clientId !== clientId) {
        return {
          ok: false,
          error: "invalid_grant",
          description: "The refresh token is invalid",
        };
      }
      if (stored.used) {
        return {
          ok: false,
          error: "invalid_grant",
          description: "The refresh token was already used",
        };
      }
      if (now().getTime() >= stored.expiresAt.getTime()) {
        return {
          ok: false,
          error: "invalid_grant",
          description: "The refresh token has expired",
        };
      }
      if (!state.users.has(stored.userId)) {
        return {
          ok: false,
          error: "invalid_grant",
          description: "The user no longer exists",
        };
      }
      stored.used = true;
      return {
        ok: true,
        answer: issue(
          client,
          stored.userId,
          stored.windowEndsAt,
          stored.scopes,
        ),
      };
    },
  };
}
