// Friendly names for the PagerDuty REST API v2 types generated from the trimmed OpenAPI spec
// (openapi.gen.ts; regenerate with `npm run generate:pagerduty-types`). Import from here, not from the
// generated file, so a regeneration that renames a schema breaks one file, not the whole project.
import type { components, operations } from "./openapi.gen.ts";

type Schemas = components["schemas"];

export type Incident = Schemas["Incident"];
export type IncidentReference = Schemas["IncidentReference"];
export type IncidentNote = Schemas["IncidentNote"];
export type IncidentStatusUpdate = Schemas["StatusUpdate"];
export type ResponderRequest = Schemas["ResponderRequest"];
export type Assignment = Schemas["Assignment"];
export type Acknowledgement = Schemas["Acknowledgement"];
export type User = Schemas["User"];
export type UserReference = Schemas["UserReference"];
export type Service = Schemas["Service"];
export type ServiceReference = Schemas["ServiceReference"];
export type EscalationPolicy = Schemas["EscalationPolicy"];
export type EscalationPolicyReference = Schemas["EscalationPolicyReference"];
export type EscalationRule = Schemas["EscalationRule"];
export type Priority = Schemas["Priority"];
export type PriorityReference = Schemas["PriorityReference"];
export type OnCall = Schemas["Oncall"];
export type Schedule = Schemas["Schedule"];
export type ScheduleReference = Schemas["ScheduleReference"];
export type Team = Schemas["Team"];
export type TeamReference = Schemas["TeamReference"];
export type IncidentWorkflow = Schemas["IncidentWorkflow"];
export type IncidentWorkflowTrigger = Schemas["IncidentWorkflowTrigger"];
export type IncidentWorkflowInstance = Schemas["IncidentWorkflowInstance"];
export type WebhookSubscription = Schemas["WebhookSubscription"];
export type WebhookSubscriptionUpdate = Schemas["WebhookSubscriptionUpdate"];
/** Offset pagination fields of list responses (`limit`, `offset`, `more`, `total`). */
export type Pagination = Schemas["Pagination"];
/** Cursor pagination fields (`limit`, `next_cursor`), used by incident workflow triggers. */
export type CursorPagination = Schemas["CursorPagination"];
/** `{"error":{"message","code","errors"}}`, the body of every 4xx the project handles. */
export type PagerDutyErrorBody =
  Schemas["Conflict_content_application_json_schema"];

/** Operation ids of the kept paths (`updateIncident`, `listOnCalls`, ...). */
export type OperationId = keyof operations;

/** The JSON request body of an operation (`RequestBody<"updateIncident">` is `{incident: {...}}`). */
export type RequestBody<Op extends OperationId> = JsonContent<
  NonNullable<operations[Op]["requestBody"]>
>;

// `[T] extends [never]` first: operations without a body declare `requestBody?: never`, and `never`
// would otherwise match the content pattern and infer `unknown`.
type JsonContent<T> = [T] extends [never] ? never
  : T extends { content: { "application/json": infer B } } ? B
  : never;

/** The JSON body of an operation's response for one status (`ResponseBody<"getIncident", 200>`). */
export type ResponseBody<Op extends OperationId, Status extends number> =
  operations[Op]["responses"] extends Record<Status, infer R> ? JsonContent<R>
    : never;

/** Query parameters of an operation (`QueryParams<"listIncidents">["statuses[]"]`). */
export type QueryParams<Op extends OperationId> = operations[Op] extends {
  parameters: { query?: infer Q };
} ? NonNullable<Q>
  : never;
