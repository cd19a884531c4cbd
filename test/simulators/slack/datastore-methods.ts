import {
  matchesExpression,
  parseDatastoreExpression,
} from "./datastore-expression.ts";
import type { MethodContext, MethodHandler } from "./method-handler.ts";
import { SlackMethodError } from "./slack-method-error.ts";
import type { HostedApp } from "./slack-workspace.ts";

/** Documented limits: 25 items per bulk call, `limit` 1–1000 items evaluated per query page (default 100). */
const DATASTORE_LIMITS = {
  bulk: 25,
  queryMin: 1,
  queryMax: 1000,
  queryDefault: 100,
} as const;

type Store = NonNullable<ReturnType<HostedApp["datastores"]["get"]>>;
type Item = Record<string, unknown>;

/**
 * Slack documents only the top-level `datastore_error`; the `errors[]` detail codes other than
 * `datastore_config_not_found` (taken from the method page's example) are unpublished and named here by us.
 */
function datastoreError(code: string, message: string, pointer: string) {
  return new SlackMethodError("datastore_error", {
    errors: [{ code, message, pointer }],
  });
}

function store(ctx: MethodContext): Store {
  // Datastores exist only inside Slack's hosting: any other token is refused.
  if (ctx.auth.kind !== "hosted_app") {
    throw new SlackMethodError("app_not_hosted");
  }
  const name = ctx.args.string("datastore");
  if (!name) throw new SlackMethodError("invalid_arguments");
  const found = ctx.ws.apps.get(ctx.auth.appId)?.datastores.get(name);
  if (!found) {
    throw datastoreError(
      "datastore_config_not_found",
      "The datastore configuration could not be found",
      "/datastores",
    );
  }
  return found;
}

/** Returns the reason an item cannot be stored, or undefined when it can. */
function itemProblem(s: Store, item: unknown): string | undefined {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    return "item must be an object";
  }
  const key = (item as Item)[s.definition.primaryKey];
  if (typeof key !== "string" || key === "") {
    return `item must have the primary key ${s.definition.primaryKey}`;
  }
  const unknown = Object.keys(item).filter((k) =>
    !s.definition.attributes.has(k)
  );
  if (unknown.length > 0) return `unknown attributes: ${unknown.join(", ")}`;
  return undefined;
}

function checkedItem(ctx: MethodContext, s: Store): Item {
  const item = ctx.args.json("item", "invalid_arguments");
  if (item === undefined) throw new SlackMethodError("invalid_arguments");
  const problem = itemProblem(s, item);
  if (problem) throw datastoreError("invalid_item", problem, "/item");
  return item as Item;
}

function list(ctx: MethodContext, name: string): unknown[] {
  const value = ctx.args.json(name, "invalid_arguments");
  if (!Array.isArray(value) || value.length === 0) {
    throw new SlackMethodError("invalid_arguments");
  }
  if (value.length > DATASTORE_LIMITS.bulk) {
    throw new SlackMethodError("invalid_arguments");
  }
  return value;
}

function stringMap(ctx: MethodContext, name: string): Record<string, unknown> {
  const value = ctx.args.json(name, "invalid_arguments");
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SlackMethodError("invalid_arguments");
  }
  return value as Record<string, unknown>;
}

function filter(ctx: MethodContext, s: Store): (item: Item) => boolean {
  const expression = ctx.args.string("expression");
  if (!expression) return () => true;
  const parsed = parseDatastoreExpression(
    expression,
    stringMap(ctx, "expression_attributes") as Record<string, string>,
    stringMap(ctx, "expression_values"),
  );
  if (!parsed.ok) {
    throw datastoreError("invalid_expression", parsed.message, "/expression");
  }
  // Queries are DynamoDB filter expressions, which may not name the key attribute.
  if (parsed.attributes.has(s.definition.primaryKey)) {
    throw datastoreError(
      "invalid_expression",
      `Filter Expression can only contain non-primary key attributes: Primary key attribute: ${s.definition.primaryKey}`,
      "/expression",
    );
  }
  return (item) => matchesExpression(parsed.node, item);
}

function sortedItems(s: Store): Item[] {
  return [...s.items.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]) => item);
}

const ok = (s: Store, rest: Record<string, unknown> = {}) => ({
  ok: true as const,
  datastore: s.definition.name,
  ...rest,
});

export const DATASTORE_METHODS: Readonly<Record<string, MethodHandler>> = {
  "apps.datastore.put": (ctx) => {
    const s = store(ctx);
    const item = checkedItem(ctx, s);
    s.items.set(item[s.definition.primaryKey] as string, { ...item });
    return ok(s, { item });
  },
  "apps.datastore.update": (ctx) => {
    const s = store(ctx);
    const item = checkedItem(ctx, s);
    const id = item[s.definition.primaryKey] as string;
    const merged = { ...(s.items.get(id) ?? {}), ...item };
    s.items.set(id, merged);
    return ok(s, { item: merged });
  },
  "apps.datastore.get": (ctx) => {
    const s = store(ctx);
    const id = ctx.args.string("id");
    if (!id) throw new SlackMethodError("invalid_arguments");
    return ok(s, { item: { ...(s.items.get(id) ?? {}) } });
  },
  "apps.datastore.delete": (ctx) => {
    const s = store(ctx);
    const id = ctx.args.string("id");
    if (!id) throw new SlackMethodError("invalid_arguments");
    s.items.delete(id);
    return ok(s);
  },
  "apps.datastore.bulkGet": (ctx) => {
    const s = store(ctx);
    const ids = list(ctx, "ids");
    const items = ids
      .map((id) => (typeof id === "string" ? s.items.get(id) : undefined))
      .filter((i): i is Item => i !== undefined)
      .map((i) => ({ ...i }));
    return ok(s, { items, failed_items: [] });
  },
  "apps.datastore.bulkPut": (ctx) => {
    const s = store(ctx);
    const items = list(ctx, "items");
    const failed: unknown[] = [];
    for (const item of items) {
      if (itemProblem(s, item)) {
        failed.push(item);
        continue;
      }
      const it = item as Item;
      s.items.set(it[s.definition.primaryKey] as string, { ...it });
    }
    if (failed.length > 0) {
      throw new SlackMethodError("partial_failure", {
        datastore: s.definition.name,
        failed_items: failed,
      });
    }
    return ok(s, { failed_items: [] });
  },
  "apps.datastore.bulkDelete": (ctx) => {
    const s = store(ctx);
    const ids = list(ctx, "ids");
    const failed = ids.filter((id) => typeof id !== "string" || id === "");
    for (const id of ids) if (typeof id === "string") s.items.delete(id);
    if (failed.length > 0) {
      throw new SlackMethodError("partial_failure", {
        datastore: s.definition.name,
        failed_items: failed,
      });
    }
    return ok(s);
  },
  "apps.datastore.count": (ctx) => {
    const s = store(ctx);
    const matches = filter(ctx, s);
    return ok(s, { count: sortedItems(s).filter(matches).length });
  },
  "apps.datastore.query": (ctx) => {
    const s = store(ctx);
    const limit = ctx.args.int("limit") ?? DATASTORE_LIMITS.queryDefault;
    if (
      limit < DATASTORE_LIMITS.queryMin || limit > DATASTORE_LIMITS.queryMax
    ) {
      throw new SlackMethodError("invalid_arguments");
    }
    const matches = filter(ctx, s);
    const all = sortedItems(s);
    const cursor = ctx.args.string("cursor");
    let start = 0;
    if (cursor) {
      const after = Buffer.from(cursor, "base64").toString("utf8");
      if (!after.startsWith("after:")) {
        throw new SlackMethodError("invalid_arguments");
      }
      const key = after.slice("after:".length);
      start = all.findIndex((i) =>
        (i[s.definition.primaryKey] as string) > key
      );
      if (start < 0) start = all.length;
    }
    // `limit` counts items evaluated, not returned: a page may be empty and still have a next_cursor.
    const evaluated = all.slice(start, start + limit);
    const items = evaluated.filter(matches).map((i) => ({ ...i }));
    const last = evaluated.at(-1);
    const more = start + limit < all.length && last !== undefined;
    return ok(s, {
      items,
      ...(more
        ? {
          response_metadata: {
            next_cursor: Buffer.from(
              `after:${last[s.definition.primaryKey] as string}`,
            ).toString("base64"),
          },
        }
        : {}),
    });
  },
};
