// V3 webhook subscriptions: create (the only response carrying the signing secret), read, list, update,
// delete, enable (clears the automatic disable after dropped deliveries) and ping.

import { Hono } from "hono";
import { newWebhookSecret } from "./create-seeder.ts";
import { paginateOffset } from "./paginate-offset.ts";
import { PagerDutyError } from "./pagerduty-error.ts";
import { renderWebhookSubscription } from "./render-rest-resource.ts";
import {
  actorFor,
  jsonBody,
  type SimContext,
  type SimEnv,
  type SimulatorServices,
} from "./request-context.ts";
import { isAllowed } from "./role-permissions.ts";
import { newId, type SimWebhookSubscription } from "./simulator-state.ts";
import { WEBHOOK_EVENT_TYPES } from "./webhook-event-types.ts";

const FILTER_TYPES = [
  "account_reference",
  "service_reference",
  "team_reference",
] as const;

export function webhookSubscriptionRoutes(
  { state, webhooks }: SimulatorServices,
  { requireHttps }: { requireHttps: boolean },
) {
  const app = new Hono<SimEnv>();

  function authorizeManage(c: SimContext): void {
    const actor = actorFor(c, state, false);
    const user = actor.userId ? state.users.get(actor.userId) : undefined;
    if (user && !isAllowed(user.role, "webhook.manage")) {
      throw new PagerDutyError("accessDenied", [
        "Only account owners and admins can manage webhook subscriptions",
      ]);
    }
  }

  function requireSubscription(id: string): SimWebhookSubscription {
    const subscription = state.webhookSubscriptions.get(id);
    if (!subscription) {
      throw new PagerDutyError("notFound", ["Webhook Subscription Not Found"]);
    }
    return subscription;
  }

  function parseFilter(raw: unknown): SimWebhookSubscription["filter"] {
    if (typeof raw !== "object" || raw === null) {
      throw new PagerDutyError("invalidInput", ["filter is required"]);
    }
    const { type, id } = raw as Record<string, unknown>;
    if (!(FILTER_TYPES as readonly unknown[]).includes(type)) {
      throw new PagerDutyError("invalidInput", [
        `filter.type must be one of ${FILTER_TYPES.join(", ")}`,
      ]);
    }
    if (type === "account_reference") return { type, id: null };
    if (typeof id !== "string") {
      throw new PagerDutyError("invalidInput", ["filter.id is required"]);
    }
    const exists = type === "service_reference"
      ? state.services.has(id)
      : state.teams.has(id);
    // PagerDuty answers 400 2001 with the reason in `errors[]` (the spec's WebhookBadRequest has no schema; the
    // wording is unpublished: this one names the kind and id, as the REST API's other not-found details do).
    if (!exists) {
      throw new PagerDutyError("invalidInput", [
        `${type === "service_reference" ? "Service" : "Team"} ${id} not found`,
      ]);
    }
    return { type: type as "service_reference" | "team_reference", id };
  }

  function parseEvents(raw: unknown): string[] {
    if (
      !Array.isArray(raw) || raw.length === 0 ||
      raw.some((e) => typeof e !== "string")
    ) {
      throw new PagerDutyError("invalidInput", [
        "events must be a non-empty array of event types",
      ]);
    }
    const unknown = raw.filter((e) =>
      !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e as string)
    );
    if (unknown.length) {
      throw new PagerDutyError("invalidInput", [
        `Unknown event types: ${unknown.join(", ")}`,
      ]);
    }
    return [...new Set(raw as string[])];
  }

  app.post("/webhook_subscriptions", (c) => {
    authorizeManage(c);
    const input = jsonBody(c).webhook_subscription;
    if (typeof input !== "object" || input === null) {
      throw new PagerDutyError("invalidInput", [
        "webhook_subscription is required",
      ]);
    }
    const body = input as Record<string, unknown>;
    if (body.type !== "webhook_subscription") {
      throw new PagerDutyError("invalidInput", [
        'type must be "webhook_subscription"',
      ]);
    }
    const method = body.delivery_method as Record<string, unknown> | undefined;
    if (
      typeof method !== "object" || method === null ||
      method.type !== "http_delivery_method"
    ) {
      throw new PagerDutyError("invalidInput", [
        'delivery_method.type must be "http_delivery_method"',
      ]);
    }
    const url = parseUrl(method.url, requireHttps);
    const events = parseEvents(body.events);
    const filter = parseFilter(body.filter);
    const customHeaders = Array.isArray(method.custom_headers)
      ? (method.custom_headers as { name?: unknown; value?: unknown }[]).map(
        (h) => {
          if (typeof h?.name !== "string" || typeof h?.value !== "string") {
            throw new PagerDutyError("invalidInput", [
              "custom_headers need a name and a value",
            ]);
          }
          return { name: h.name, value: h.value };
        },
      )
      : [];
    const subscription: SimWebhookSubscription = {
      id: newId(state),
      url,
      description: typeof body.description === "string" ? body.description : "",
      events,
      filter,
      secrets: [newWebhookSecret()],
      active: body.active === undefined ? true : body.active === true,
      temporarilyDisabled: false,
      consecutiveDrops: 0,
      customHeaders,
      deliveryMethodId: newId(state),
    };
    state.webhookSubscriptions.set(subscription.id, subscription);
    return c.json({
      webhook_subscription: renderWebhookSubscription(subscription, {
        withSecret: true,
      }),
    });
  });

  app.get("/webhook_subscriptions", (c) => {
    const filterType = c.req.query("filter_type");
    const filterId = c.req.query("filter_id");
    const items = [...state.webhookSubscriptions.values()].filter((s) =>
      (filterType === undefined || s.filter.type === filterType) &&
      (filterId === undefined || s.filter.id === filterId)
    );
    const page = paginateOffset(items, c.req.query());
    return c.json({
      webhook_subscriptions: page.items.map((s) =>
        renderWebhookSubscription(s, { withSecret: false })
      ),
      limit: page.limit,
      offset: page.offset,
      more: page.more,
      total: page.total,
    });
  });

  app.get("/webhook_subscriptions/:id", (c) => {
    const subscription = requireSubscription(c.req.param("id"));
    return c.json({
      webhook_subscription: renderWebhookSubscription(subscription, {
        withSecret: false,
      }),
    });
  });

  app.put("/webhook_subscriptions/:id", (c) => {
    authorizeManage(c);
    const subscription = requireSubscription(c.req.param("id"));
    const input = jsonBody(c).webhook_subscription;
    if (typeof input !== "object" || input === null) {
      throw new PagerDutyError("invalidInput", [
        "webhook_subscription is required",
      ]);
    }
    const body = input as Record<string, unknown>;
    const next = { ...subscription };
    if (body.events !== undefined) next.events = parseEvents(body.events);
    if (body.filter !== undefined) next.filter = parseFilter(body.filter);
    if (body.description !== undefined) {
      next.description = String(body.description);
    }
    if (body.active !== undefined) {
      if (typeof body.active !== "boolean") {
        throw new PagerDutyError("invalidInput", ["active must be a boolean"]);
      }
      next.active = body.active;
    }
    state.webhookSubscriptions.set(next.id, next);
    return c.json({
      webhook_subscription: renderWebhookSubscription(next, {
        withSecret: false,
      }),
    });
  });

  app.delete("/webhook_subscriptions/:id", (c) => {
    authorizeManage(c);
    const subscription = requireSubscription(c.req.param("id"));
    state.webhookSubscriptions.delete(subscription.id);
    return c.body(null, 204);
  });

  app.post("/webhook_subscriptions/:id/enable", (c) => {
    authorizeManage(c);
    const subscription = requireSubscription(c.req.param("id"));
    subscription.temporarilyDisabled = false;
    subscription.consecutiveDrops = 0;
    return c.json({
      webhook_subscription: renderWebhookSubscription(subscription, {
        withSecret: false,
      }),
    });
  });

  app.post("/webhook_subscriptions/:id/ping", (c) => {
    authorizeManage(c);
    const subscription = requireSubscription(c.req.param("id"));
    webhooks.ping(subscription);
    return c.body(null, 202);
  });

  return app;
}

function parseUrl(raw: unknown, requireHttps: boolean): string {
  if (typeof raw !== "string") {
    throw new PagerDutyError("invalidInput", [
      "delivery_method.url is required",
    ]);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PagerDutyError("invalidInput", [
      "delivery_method.url is not a valid URL",
    ]);
  }
  const allowed = requireHttps ? ["https:"] : ["https:", "http:"];
  if (!allowed.includes(url.protocol)) {
    throw new PagerDutyError("invalidInput", [
      "delivery_method.url must use HTTPS",
    ]);
  }
  return raw;
}
