// "Add to Slack": GET /slack/install (the button, with a state bound to this browser) and GET /slack/oauth_redirect
// (Slack sends the browser back here: check the state, exchange the code with oauth.v2.access, save the
// workspace's installation with its token sealed). Implemented directly rather than with @slack/oauth's
// InstallProvider: see bridge/README.md ("Add to Slack").
// https://docs.slack.dev/authentication/installing-with-oauth
import { type Context, Hono } from "hono";
import type { Logger } from "pino";
import { SLACK_SCOPES_USED } from "../slack/slack-methods-used.ts";
import { exchangeOAuthCode } from "./exchange-oauth-code.ts";
import {
  errorPage,
  installedPage,
  installPage,
  orgWidePage,
} from "./install-pages.ts";
import {
  createInstallStates,
  type InstallStates,
  readStateCookie,
  STATE_LIFETIME_MS,
  stateCookie,
  type StateRejection,
} from "./install-state.ts";
import type { InstallationStore } from "./installation-store.ts";
import { slackAuthorizeUrl } from "./slack-authorize-url.ts";

export const INSTALL_PATH = "/slack/install";
export const OAUTH_REDIRECT_PATH = "/slack/oauth_redirect";
/** The bot user's display name in the manifest (features.bot_user.display_name). */
export const BOT_DISPLAY_NAME = "PagerSlack";

export interface InstallRouteOptions {
  slackClientId: string | null;
  slackClientSecret: string | null;
  /** PAGERSLACK_ENCRYPTION_KEY: seals the tokens and MACs the state. */
  encryptionKey: string | null;
  /** BRIDGE_PUBLIC_URL, without a trailing slash. */
  publicUrl: string | null;
  slackApiUrl: string;
  /** Null when the encryption key is not set. */
  installations: InstallationStore | null;
  logger: Logger;
  now?: () => Date;
  fetch?: typeof fetch;
}

const STATE_PROBLEMS: Record<StateRejection, string> = {
  missing:
    "This link did not come from this bridge's Add to Slack button (it carries no state).",
  no_cookie:
    "This browser did not start this install (or its 10 minutes ran out, or it blocks cookies): the install must finish in the browser that clicked Add to Slack.",
  mismatch:
    "This browser started another install since: only the latest Add to Slack click can finish.",
  forged: "The install link was not issued by this bridge.",
  expired: "The install link is older than 10 minutes.",
  reused:
    "This install link was already used (a reload or a second tab): one link installs once.",
};

/** What a Slack error on the exchange means for the person, and what to do. */
function exchangeAdvice(error: string): string {
  switch (error) {
    case "invalid_code":
      return "Slack refused the one-time code: it was already used or is older than 10 minutes. Start again.";
    case "bad_redirect_uri":
      return "Slack refused the redirect URL: set BRIDGE_PUBLIC_URL to the URL listed under OAuth & Permissions → Redirect URLs (…/slack/oauth_redirect).";
    case "invalid_client_id":
    case "bad_client_secret":
      return "Slack refused the app's credentials: check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET against the app's Basic Information page.";
    default:
      return "Start the install again; if it keeps failing, check the bridge's log.";
  }
}

export function installRoute(options: InstallRouteOptions): Hono {
  const app = new Hono();
  const now = () => (options.now ?? (() => new Date()))();
  const states: InstallStates | null = options.encryptionKey
    ? createInstallStates(options.encryptionKey)
    : null;
  const secure = options.publicUrl?.startsWith("https:") ?? false;
  const log = options.logger.child({ component: "slack-install" });

  /** Null when the install can run; else the answer explaining which setting is missing. */
  const unconfigured = (c: Context) => {
    if (!options.slackClientId || !options.slackClientSecret) {
      return c.html(
        errorPage("Add to Slack is not set up", [
          "Add to Slack is off: set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (the Slack app's Basic Information page) and restart the bridge.",
        ]),
        404,
      );
    }
    const missing = [
      ...(options.encryptionKey && states && options.installations
        ? []
        : ["PAGERSLACK_ENCRYPTION_KEY (seals the workspaces' tokens)"]),
      ...(options.publicUrl
        ? []
        : ["BRIDGE_PUBLIC_URL (builds the redirect URL)"]),
    ];
    if (missing.length === 0) return null;
    return c.html(
      errorPage("Add to Slack is not ready", [
        `Set ${missing.join(" and ")} and restart the bridge.`,
      ]),
      503,
    );
  };
  const redirectUri = () => `${options.publicUrl}${OAUTH_REDIRECT_PATH}`;
  const clearCookie = stateCookie("", { secure, maxAgeS: 0 });

  app.get(INSTALL_PATH, (c) => {
    const refused = unconfigured(c);
    if (refused) return refused;
    const { state } = states!.issue(now().getTime());
    const team = c.req.query("team");
    const authorizeUrl = slackAuthorizeUrl(options.slackApiUrl, {
      clientId: options.slackClientId!,
      scopes: SLACK_SCOPES_USED,
      redirectUri: redirectUri(),
      state,
      ...(team && /^T[A-Z0-9]+$/.test(team) ? { team } : {}),
    });
    c.header(
      "Set-Cookie",
      stateCookie(state, { secure, maxAgeS: STATE_LIFETIME_MS / 1000 }),
    );
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    return c.html(installPage(authorizeUrl));
  });

  app.get(OAUTH_REDIRECT_PATH, async (c) => {
    const refused = unconfigured(c);
    if (refused) return refused;
    c.header("Cache-Control", "no-store");
    // The URL carries the one-time code: never let it leak through a Referer from the links on these pages.
    c.header("Referrer-Policy", "no-referrer");
    const check = states!.consume(
      c.req.query("state"),
      readStateCookie(c.req.header("cookie")),
      now().getTime(),
    );
    c.header("Set-Cookie", clearCookie);
    if (!check.ok) {
      log.warn({ reason: check.reason }, "Slack install refused: bad state");
      return c.html(
        errorPage("Install not accepted", [
          STATE_PROBLEMS[check.reason],
          "Nothing was installed.",
        ]),
        400,
      );
    }
    const slackError = c.req.query("error");
    if (slackError) {
      log.info({ error: slackError }, "Slack install cancelled in Slack");
      return c.html(
        errorPage(
          slackError === "access_denied"
            ? "Install cancelled"
            : "Slack did not authorize the install",
          [
            slackError === "access_denied"
              ? "The install was cancelled on Slack's page (or a workspace admin must approve the app first). Nothing was installed."
              : `Slack answered ${slackError}. Nothing was installed.`,
          ],
        ),
        slackError === "access_denied" ? 403 : 400,
      );
    }
    const code = c.req.query("code");
    if (!code) {
      return c.html(
        errorPage("Install not accepted", [
          "Slack's redirect carries no code. Nothing was installed.",
        ]),
        400,
      );
    }
    const exchange = await exchangeOAuthCode({
      slackApiUrl: options.slackApiUrl,
      clientId: options.slackClientId!,
      clientSecret: options.slackClientSecret!,
      code,
      redirectUri: redirectUri(),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    if (!exchange.ok) {
      if (exchange.kind === "slack_error") {
        log.warn(
          { error: exchange.error },
          "Slack install failed: oauth.v2.access refused the code",
        );
        return c.html(
          errorPage("Slack refused the install", [
            `oauth.v2.access answered ${exchange.error}.`,
            exchangeAdvice(exchange.error),
            "Nothing was installed.",
          ]),
          400,
        );
      }
      if (exchange.kind === "unavailable") {
        log.warn(
          { detail: exchange.detail },
          "Slack install failed: oauth.v2.access unavailable",
        );
        return c.html(
          errorPage("Slack is unavailable", [
            `Slack did not answer the code exchange (${exchange.detail}). Nothing was installed; start again in a minute.`,
          ]),
          502,
        );
      }
      if (exchange.kind === "org_wide") {
        log.warn(
          { enterprise_id: exchange.enterpriseId },
          "Slack install refused: an org-wide Enterprise Grid install (install the app in each workspace instead); nothing stored",
        );
        return c.html(orgWidePage(exchange), 400);
      }
      log.warn({ detail: exchange.detail }, "Slack install not supported");
      return c.html(
        errorPage("This install is not supported", [
          `${exchange.detail}. Nothing was installed.`,
        ]),
        400,
      );
    }
    const { grant } = exchange;
    const isNew = await options.installations!.save({
      teamId: grant.teamId,
      teamName: grant.teamName,
      enterpriseId: grant.enterpriseId,
      appId: grant.appId,
      botUserId: grant.botUserId,
      botToken: grant.botToken,
      scopes: grant.scopes,
      installedBy: grant.installedBy,
    }, now());
    const missingScopes = SLACK_SCOPES_USED.filter((s) =>
      !grant.scopes.includes(s)
    );
    log.info({
      team_id: grant.teamId,
      team_name: grant.teamName,
      enterprise_id: grant.enterpriseId,
      bot_user_id: grant.botUserId,
      installed_by: grant.installedBy,
      reinstall: !isNew,
      missing_scopes: missingScopes,
    }, isNew ? "Slack workspace installed" : "Slack workspace reinstalled");
    return c.html(
      installedPage({
        teamName: grant.teamName,
        botName: BOT_DISPLAY_NAME,
        reinstall: !isNew,
        missingScopes,
      }),
    );
  });
  return app;
}
