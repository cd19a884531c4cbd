// Type-level checks (run by `tsc` / `deno check`, which cover test files) that the friendly names keep
// meaning what the project's clients and simulator rely on after a regeneration.
import { describe, expectTypeOf, it } from "vitest";
import type {
  Incident,
  OnCall,
  PagerDutyErrorBody,
  QueryParams,
  RequestBody,
  ResponseBody,
  User,
  WebhookSubscription,
} from "./rest-types.ts";

describe("rest-types", () => {
  it("exposes REST incident fields (not the webhook shape)", () => {
    expectTypeOf<Incident["incident_number"]>().toEqualTypeOf<
      number | undefined
    >();
    expectTypeOf<NonNullable<Incident["status"]>>().toEqualTypeOf<
      "triggered" | "acknowledged" | "resolved"
    >();
    expectTypeOf<Incident>().toHaveProperty("assignments");
    expectTypeOf<Incident>().toHaveProperty("acknowledgements");
  });

  it("wraps request and response bodies as PagerDuty does", () => {
    expectTypeOf<RequestBody<"updateIncident">>().toHaveProperty("incident");
    expectTypeOf<RequestBody<"createIncidentNote">["note"]["content"]>()
      .toEqualTypeOf<string>();
    // Status updates and responder requests take unwrapped bodies.
    expectTypeOf<RequestBody<"createIncidentStatusUpdate">>().toHaveProperty(
      "message",
    );
    expectTypeOf<RequestBody<"getIncident">>().toEqualTypeOf<never>();
    expectTypeOf<ResponseBody<"getIncident", 200>>().toHaveProperty(
      "incident",
    );
    expectTypeOf<ResponseBody<"listOnCalls", 200>>().toHaveProperty("oncalls");
    expectTypeOf<QueryParams<"listIncidents">>().toHaveProperty("statuses[]");
  });

  it("names the other resources and the error body", () => {
    expectTypeOf<OnCall>().toHaveProperty("escalation_level");
    expectTypeOf<User>().toHaveProperty("email");
    expectTypeOf<WebhookSubscription>().toHaveProperty("delivery_method");
    expectTypeOf<
      NonNullable<PagerDutyErrorBody["error"]>["code"]
    >().toEqualTypeOf<number | undefined>();
  });
});
