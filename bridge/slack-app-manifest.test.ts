import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import {
  SLACK_METHODS_USED,
  SLACK_SCOPES_USED,
} from "./slack/slack-methods-used.ts";
import { SLASH_COMMAND_PATH } from "./slash/slash-command-route.ts";
import { OAUTH_REDIRECT_PATH } from "./install/install-route.ts";
import {
  HANDLED_EVENTS,
  SLACK_EVENTS_PATH,
} from "./install/slack-events-route.ts";
import {
  CHANNEL_SCOPES,
  METHOD_TABLE,
} from "../test/simulators/slack/method-table.ts";

const read = (path: string) =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const manifest = read("./slack-app-manifest.json");
const schema = read("../test/specs/slack-manifest.schema.2.0.0.json");
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

describe("bridge/slack-app-manifest.json", () => {
  it("is valid against Slack's manifest schema", () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
  });

  it("declares /pd at the bridge's slash command route, with a usage hint and escaped mentions", () => {
    const [pd, ...others] = manifest.features.slash_commands;
    expect(others).toEqual([]);
    expect(pd.command).toBe("/pd");
    expect(new URL(pd.url).pathname).toBe(SLASH_COMMAND_PATH);
    expect(pd.usage_hint).toContain("oncall");
    // `/pd invite @user` reads the user id from Slack's escaped mention.
    expect(pd.should_escape).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toContain("commands");
  });

  it("asks for exactly the bot scopes the methods the bridge calls need", () => {
    const needed = new Set(SLACK_SCOPES_USED);
    expect(new Set(manifest.oauth_config.scopes.bot)).toEqual(needed);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it("covers what the Slack simulator (Slack's method pages) requires of each method", () => {
    const granted = new Set<string>(manifest.oauth_config.scopes.bot);
    for (const method of Object.keys(SLACK_METHODS_USED)) {
      const spec = METHOD_TABLE[method];
      expect(spec, method).toBeDefined();
      if (spec!.scopes.length > 0) {
        expect(spec!.scopes.some((s) => granted.has(s)), method).toBe(true);
      }
    }
    for (const kind of ["history", "manage"] as const) {
      expect(granted.has(CHANNEL_SCOPES[kind].public)).toBe(true);
      expect(granted.has(CHANNEL_SCOPES[kind].private)).toBe(true);
    }
  });

  it("sends Add to Slack back to the bridge's OAuth redirect and only the events the bridge handles to /slack/events", () => {
    const [redirect, ...more] = manifest.oauth_config.redirect_urls;
    expect(more).toEqual([]);
    expect(new URL(redirect).pathname).toBe(OAUTH_REDIRECT_PATH);
    const events = manifest.settings.event_subscriptions;
    expect(new URL(events.request_url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(events.bot_events).toEqual([...HANDLED_EVENTS]);
    expect(events.user_events).toBeUndefined();
    // Same host for every URL: one bridge.
    const pd = manifest.features.slash_commands[0];
    expect(new URL(redirect).host).toBe(new URL(pd.url).host);
    expect(new URL(events.request_url).host).toBe(new URL(pd.url).host);
  });
});
