import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callSlack } from "./call-slack.ts";
import { HANDLERS } from "./dispatch-slack-call.ts";
import {
  documentedErrors,
  isDocumentedError,
  PLATFORM_ERRORS,
} from "./documented-errors.ts";
import { METHOD_TABLE } from "./method-table.ts";
import { type SeededWorkspace, seedWorkspace } from "./seed-workspace.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";

const here = new URL("./", import.meta.url);

describe("method pages", () => {
  it("exist for every simulated method and document its errors", () => {
    const pages = documentedErrors();
    for (const method of Object.keys(HANDLERS)) {
      expect(pages.get(method)?.size, method).toBeGreaterThan(10);
      expect(METHOD_TABLE[method], method).toBeDefined();
    }
    expect(pages.get("oauth.v2.access")?.has("invalid_code")).toBe(true);
  });

  it("keep the platform-wide exceptions to what the pages really omit", () => {
    for (const code of PLATFORM_ERRORS) {
      expect(documentedErrors().get("auth.test")?.has(code)).toBe(true);
      expect(documentedErrors().get("chat.postMessage")?.has(code)).toBe(false);
    }
  });

  it("document every error code literal the simulator's source can answer", () => {
    const sources = readdirSync(here).filter((f) =>
      f.endsWith(".ts") && !f.endsWith(".test.ts")
    );
    const codes = new Set<string>();
    for (const file of sources) {
      const text = readFileSync(new URL(file, here), "utf8");
      for (const m of text.matchAll(/SlackMethodError\(\s*"([a-z_]+)"/g)) {
        codes.add(m[1]!);
      }
      for (const m of text.matchAll(/hostedOnly: "([a-z_]+)"/g)) {
        codes.add(m[1]!);
      }
    }
    expect(codes.size).toBeGreaterThan(30);
    // METHOD_TABLE also lists oauth.v2.access, answered without a handler (client credentials, no token).
    const simulated = Object.keys(METHOD_TABLE);
    const orphans = [...codes].filter((code) =>
      !simulated.some((method) => isDocumentedError(method, code))
    );
    expect(orphans).toEqual([]);
  });
});

describe("every error the simulator answers is documented by that method", () => {
  let sim: SlackSimulator;
  let w: SeededWorkspace;
  beforeAll(async () => {
    sim = await startSlackSimulator();
    w = seedWorkspace(sim);
    sim.createHostedApp({
      appId: w.hostedAppId,
      datastores: [{
        name: "links",
        primary_key: "id",
        attributes: ["id", "v"],
      }],
    });
  });
  afterAll(async () => {
    await sim.close();
  });

  // [method, args, token (default: bridge bot), expected error]
  const CASES: Array<
    [string, Record<string, unknown>, keyof SeededWorkspace | null, string]
  > = [
    ["auth.test", {}, null, "not_authed"],
    [
      "chat.postMessage",
      { channel: "hr", text: "x" },
      null,
      "channel_not_found",
    ],
    ["chat.postMessage", { channel: "incidents" }, null, "no_text"],
    [
      "chat.postMessage",
      { channel: "incidents", text: "x", blocks: [{ type: "nope" }] },
      null,
      "invalid_blocks",
    ],
    [
      "chat.postMessage",
      { channel: "incidents", text: "x", thread_ts: "1.1" },
      null,
      "cannot_reply_to_message",
    ],
    [
      "chat.postMessage",
      { channel: "incidents", text: "x", metadata: { a: 1 } },
      null,
      "invalid_metadata_schema",
    ],
    [
      "chat.postMessage",
      {
        channel: "incidents",
        text: "x",
        metadata: { event_type: "e", event_payload: {} },
      },
      "aliceToken",
      "metadata_must_be_sent_from_app",
    ],
    [
      "chat.update",
      { channel: "incidents", ts: "1.1", text: "x" },
      null,
      "message_not_found",
    ],
    [
      "chat.postEphemeral",
      { channel: "incidents", user: "carol", text: "x" },
      null,
      "user_not_in_channel",
    ],
    [
      "chat.delete",
      { channel: "incidents", ts: "1.1" },
      null,
      "message_not_found",
    ],
    [
      "chat.getPermalink",
      { channel: "incidents", message_ts: "1.1" },
      null,
      "message_not_found",
    ],
    ["conversations.create", { name: "A B" }, null, "invalid_name_specials"],
    ["conversations.create", { name: "--" }, null, "invalid_name_punctuation"],
    ["conversations.info", { channel: "hr" }, null, "channel_not_found"],
    [
      "conversations.invite",
      { channel: "incidents", users: "" },
      null,
      "no_user",
    ],
    [
      "conversations.join",
      { channel: "secretOps" },
      null,
      "method_not_supported_for_channel_type",
    ],
    [
      "conversations.history",
      { channel: "incidents", latest: "yesterday" },
      null,
      "invalid_ts_latest",
    ],
    [
      "conversations.history",
      { channel: "incidents", oldest: "x" },
      null,
      "invalid_ts_oldest",
    ],
    ["conversations.open", {}, null, "users_list_not_supplied"],
    ["conversations.open", { users: "U404" }, null, "user_not_found"],
    [
      "conversations.open",
      { channel: "incidents" },
      null,
      "method_not_supported_for_channel_type",
    ],
    [
      "conversations.replies",
      { channel: "general", ts: "1.1" },
      null,
      "channel_not_found",
    ],
    [
      "conversations.replies",
      { channel: "incidents", ts: "1.1" },
      null,
      "thread_not_found",
    ],
    ["users.info", { user: "U404" }, null, "user_not_found"],
    ["users.lookupByEmail", { email: "x@y" }, null, "users_not_found"],
    [
      "views.open",
      {
        trigger_id: "1.2.x",
        view: {
          type: "modal",
          title: { type: "plain_text", text: "t" },
          blocks: [],
        },
      },
      "hostedToken",
      "invalid_trigger_id",
    ],
    [
      "views.open",
      { trigger_id: "1.2.x", view: { type: "home" } },
      "hostedToken",
      "invalid_arguments",
    ],
    [
      "views.update",
      {
        view_id: "V404",
        view: {
          type: "modal",
          title: { type: "plain_text", text: "t" },
          blocks: [],
        },
      },
      "hostedToken",
      "not_found",
    ],
    [
      "views.push",
      {
        trigger_id: "1.2.x",
        view: {
          type: "modal",
          title: { type: "plain_text", text: "t" },
          blocks: [],
        },
      },
      "hostedToken",
      "invalid_trigger_id",
    ],
    [
      "apps.datastore.get",
      { datastore: "links", id: "1" },
      null,
      "app_not_hosted",
    ],
    [
      "apps.datastore.get",
      { datastore: "nope", id: "1" },
      "hostedToken",
      "datastore_error",
    ],
    [
      "apps.datastore.put",
      { datastore: "links" },
      "hostedToken",
      "invalid_arguments",
    ],
    [
      "apps.datastore.update",
      { datastore: "links", item: { v: 1 } },
      "hostedToken",
      "datastore_error",
    ],
    [
      "apps.datastore.delete",
      { datastore: "links" },
      "hostedToken",
      "invalid_arguments",
    ],
    [
      "apps.datastore.bulkPut",
      { datastore: "links", items: [{ v: 1 }] },
      "hostedToken",
      "partial_failure",
    ],
    [
      "apps.datastore.bulkGet",
      { datastore: "links", ids: [] },
      "hostedToken",
      "invalid_arguments",
    ],
    [
      "apps.datastore.bulkDelete",
      { datastore: "links", ids: [1] },
      "hostedToken",
      "partial_failure",
    ],
    [
      "apps.datastore.query",
      {
        datastore: "links",
        expression: "#i = :i",
        expression_attributes: { "#i": "id" },
        expression_values: { ":i": "1" },
      },
      "hostedToken",
      "datastore_error",
    ],
    [
      "apps.datastore.count",
      { datastore: "links", expression: "((" },
      "hostedToken",
      "datastore_error",
    ],
    [
      "apps.auth.external.get",
      { external_token_id: "Et404" },
      "hostedToken",
      "token_not_found",
    ],
    [
      "apps.auth.external.delete",
      { provider_key: "pagerduty" },
      "hostedToken",
      "no_tokens_found",
    ],
    ["apps.auth.external.delete", {}, "hostedToken", "invalid_args"],
    [
      "functions.completeSuccess",
      { function_execution_id: "Fx404", outputs: {} },
      "hostedToken",
      "function_execution_not_found",
    ],
    [
      "functions.completeError",
      { function_execution_id: "Fx404", error: "x" },
      null,
      "not_allowed_token_type",
    ],
    [
      "workflows.triggers.create",
      { type: "shortcut", name: "x", workflow: "#/workflows/nope" },
      "hostedToken",
      "invalid_workflow_id",
    ],
    [
      "workflows.triggers.update",
      {
        trigger_id: "Ft404",
        type: "shortcut",
        name: "x",
        workflow: "#/workflows/nope",
      },
      "hostedToken",
      "trigger_not_found",
    ],
    ["workflows.triggers.list", {}, null, "missing_scope"],
    [
      "workflows.triggers.delete",
      { trigger_id: "Ft404" },
      "hostedToken",
      "trigger_not_found",
    ],
    [
      "bookmarks.add",
      { channel_id: "hr", title: "x", type: "link", link: "https://x.org" },
      "hostedToken",
      "channel_not_found",
    ],
    [
      "bookmarks.list",
      { channel_id: "general" },
      "hostedToken",
      "channel_not_found",
    ],
    ["usergroups.list", {}, "hostedToken", "missing_scope"],
    ["usergroups.users.list", { usergroup: "S404" }, null, "no_such_subteam"],
    [
      "usergroups.users.update",
      { usergroup: "S404", users: "alice" },
      null,
      "no_such_subteam",
    ],
  ];

  it.each(CASES)("%s %j → %s", async (method, rawArgs, tokenKey, expected) => {
    // Channel and user names in the table stand for the seeded ids.
    const args = Object.fromEntries(
      Object.entries(rawArgs).map(([k, v]) => {
        const seeded = typeof v === "string"
          ? (w as unknown as Record<string, string>)[v]
          : undefined;
        return [k, seeded ?? v];
      }),
    );
    const token = method === "auth.test" && expected === "not_authed"
      ? undefined
      : w[tokenKey ?? "bridgeToken"] as string;
    const { status, body } = await callSlack(sim.url, method, args, token);
    expect(status).toBe(200);
    expect(body.error).toBe(expected);
    expect(isDocumentedError(method, expected)).toBe(true);
    expect(sim.undocumentedErrors()).toEqual([]);
  });

  it("covers every simulated method", () => {
    const covered = new Set(CASES.map(([method]) => method));
    expect(Object.keys(HANDLERS).filter((m) => !covered.has(m))).toEqual([]);
  });
});
