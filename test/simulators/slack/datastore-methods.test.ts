import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { callSlack } from "./call-slack.ts";
import { type SeededWorkspace, seedWorkspace } from "./seed-workspace.ts";
import {
  type SlackSimulator,
  startSlackSimulator,
} from "./start-slack-simulator.ts";

/** The hosted app's user-link datastore, as `DefineDatastore(...).definition` declares it. */
const USER_LINKS = {
  name: "user_links",
  primary_key: "slack_user_id",
  attributes: {
    slack_user_id: { type: "string" },
    pagerduty_user_id: { type: "string" },
    linked_at: { type: "number" },
    email: { type: "string" },
  },
};

const sims: SlackSimulator[] = [];
let sim: SlackSimulator;
let w: SeededWorkspace;

async function ds(
  method: string,
  args: Record<string, unknown>,
  token = w.hostedToken,
) {
  const answer = await callSlack(sim.url, `apps.datastore.${method}`, {
    datastore: "user_links",
    ...args,
  }, token);
  return answer.body;
}

const link = (n: number) => ({
  slack_user_id: `U${String(n).padStart(3, "0")}`,
  pagerduty_user_id: `P${n}`,
  linked_at: n,
});

beforeEach(async () => {
  sim = await startSlackSimulator();
  sims.push(sim);
  w = seedWorkspace(sim);
  sim.createHostedApp({ appId: w.hostedAppId, datastores: [USER_LINKS] });
});

afterAll(async () => {
  for (const s of sims) await s.close();
  for (const s of sims) expect(s.undocumentedErrors()).toEqual([]);
});

describe("datastores", () => {
  it("answers app_not_hosted to any token but the hosted app's", async () => {
    for (const token of [w.bridgeToken, w.aliceToken]) {
      expect(await ds("get", { id: "U001" }, token)).toEqual({
        ok: false,
        error: "app_not_hosted",
      });
    }
  });

  it("needs the datastore scopes", async () => {
    const readOnly = sim.createToken({
      kind: "hosted_app",
      appId: w.hostedAppId,
      scopes: ["datastore:read"],
    });
    expect(await ds("put", { item: link(1) }, readOnly.token)).toMatchObject({
      ok: false,
      error: "missing_scope",
      needed: "datastore:write",
    });
  });

  it("refuses datastores the app did not declare", async () => {
    expect(await ds("get", { id: "x", datastore: "nope" })).toMatchObject({
      ok: false,
      error: "datastore_error",
      errors: [{ code: "datastore_config_not_found" }],
    });
  });

  it("puts, gets, updates and deletes; a missing id is an empty item", async () => {
    expect(await ds("get", { id: "U001" })).toEqual({
      ok: true,
      datastore: "user_links",
      item: {},
    });
    expect(await ds("put", { item: link(1) })).toMatchObject({
      ok: true,
      item: link(1),
    });
    expect(
      await ds("update", { item: { slack_user_id: "U001", email: "a@x" } }),
    )
      .toMatchObject({ ok: true, item: { ...link(1), email: "a@x" } });
    expect((await ds("get", { id: "U001" })).item).toEqual({
      ...link(1),
      email: "a@x",
    });
    // put replaces the whole item: last write wins, no merge.
    await ds("put", { item: link(1) });
    expect((await ds("get", { id: "U001" })).item).toEqual(link(1));
    expect(await ds("delete", { id: "U001" })).toEqual({
      ok: true,
      datastore: "user_links",
    });
    expect(sim.datastoreItems(w.hostedAppId, "user_links")).toEqual([]);
  });

  it("refuses items without the primary key or with undeclared attributes", async () => {
    expect(await ds("put", { item: { pagerduty_user_id: "P1" } }))
      .toMatchObject(
        { ok: false, error: "datastore_error" },
      );
    expect(await ds("put", { item: { ...link(1), nickname: "al" } }))
      .toMatchObject({ ok: false, error: "datastore_error" });
  });

  it("bulk calls take up to 25 items and report partial failures", async () => {
    const good = [link(1), link(2)];
    const bad = { pagerduty_user_id: "P9" };
    expect(await ds("bulkPut", { items: [...good, bad] })).toEqual({
      ok: false,
      error: "partial_failure",
      datastore: "user_links",
      failed_items: [bad],
    });
    expect(sim.datastoreItems(w.hostedAppId, "user_links")).toHaveLength(2);
    const tooMany = Array.from({ length: 26 }, (_, i) => link(i));
    expect(await ds("bulkPut", { items: tooMany })).toEqual({
      ok: false,
      error: "invalid_arguments",
    });
    expect(await ds("bulkGet", { ids: ["U001", "U002", "U404"] })).toEqual({
      ok: true,
      datastore: "user_links",
      items: good,
      failed_items: [],
    });
    expect(await ds("bulkDelete", { ids: ["U001"] })).toMatchObject({
      ok: true,
    });
    expect(await ds("count", {})).toMatchObject({ ok: true, count: 1 });
  });

  it("queries with expressions and counts matches", async () => {
    await ds("bulkPut", { items: [1, 2, 3, 4, 5].map(link) });
    const query = {
      expression: "#at BETWEEN :a AND :b",
      expression_attributes: { "#at": "linked_at" },
      expression_values: { ":a": 2, ":b": 4 },
    };
    const result = await ds("query", query);
    expect((result.items as { linked_at: number }[]).map((i) => i.linked_at))
      .toEqual([2, 3, 4]);
    expect(await ds("count", query)).toMatchObject({ count: 3 });
  });

  it("refuses a query on the primary key", async () => {
    expect(
      await ds("query", {
        expression: "#id = :id",
        expression_attributes: { "#id": "slack_user_id" },
        expression_values: { ":id": "U001" },
      }),
    ).toMatchObject({
      ok: false,
      error: "datastore_error",
      errors: [{ pointer: "/expression" }],
    });
  });

  it("counts limit in items evaluated: pages may be empty and still have a cursor", async () => {
    await ds("bulkPut", { items: [1, 2, 3, 4, 5, 6].map(link) });
    const query = {
      expression: "#p = :p",
      expression_attributes: { "#p": "pagerduty_user_id" },
      expression_values: { ":p": "P5" },
      limit: 2,
    };
    const pages: unknown[][] = [];
    let cursor: string | undefined;
    do {
      const page = await ds("query", {
        ...query,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.ok).toBe(true);
      pages.push(page.items as unknown[]);
      cursor = (page.response_metadata as { next_cursor?: string } | undefined)
        ?.next_cursor;
    } while (cursor);
    expect(pages).toEqual([[], [], [link(5)]]);
  });

  it("bounds limit to 1–1000", async () => {
    for (const limit of [0, 1001]) {
      expect(await ds("query", { limit })).toEqual({
        ok: false,
        error: "invalid_arguments",
      });
    }
  });
});

describe("external auth", () => {
  beforeEach(() => {
    sim.seedExternalToken({
      external_token_id: "Et0001",
      user_id: w.alice,
      provider_key: "pagerduty",
      token: "pd-oauth-alice",
    });
  });

  it("gives the hosted app the stored token and forgets it on delete", async () => {
    const get = () =>
      callSlack(sim.url, "apps.auth.external.get", {
        external_token_id: "Et0001",
      }, w.hostedToken);
    expect((await get()).body).toEqual({
      ok: true,
      external_token: "pd-oauth-alice",
    });
    const deleted = await callSlack(sim.url, "apps.auth.external.delete", {
      external_token_id: "Et0001",
    }, w.hostedToken);
    expect(deleted.body).toEqual({ ok: true });
    expect((await get()).body).toEqual({ ok: false, error: "token_not_found" });
  });

  it("refuses other apps' tokens", async () => {
    const answer = await callSlack(sim.url, "apps.auth.external.get", {
      external_token_id: "Et0001",
    }, w.bridgeToken);
    expect(answer.body).toEqual({ ok: false, error: "not_allowed_token_type" });
  });
});
