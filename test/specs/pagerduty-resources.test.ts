// The PagerDuty resource types in shared/pagerduty/pagerduty-resources.ts are hand-narrowed to the fields we read;
// this checks them against PagerDuty's spec (the trimmed copy beside this file), so a field renamed or retyped in
// the spec fails here. Each sample `satisfies Required<…>`, so a field added to a type must be added to its sample
// and is checked too.
import { describe, expect, it } from "vitest";
import type { ValidateFunction } from "ajv";
import { createSpecAjv } from "./create-spec-ajv.ts";
import { createSpecValidator } from "../simulators/pagerduty/openapi-validator.ts";
import type {
  PagerDutyIncident,
  PagerDutyOnCall,
  PagerDutyService,
  PagerDutyUser,
  Reference,
} from "../../shared/pagerduty/pagerduty-resources.ts";

const { spec, resolve } = createSpecValidator();
const ajv = createSpecAjv({ allErrors: true, validateSchema: false });
ajv.addSchema(spec, "pd");

/** Every property a schema declares, through `allOf` and `$ref`, with the pointer of its schema. */
function properties(pointer: string): Map<string, string> {
  const node = resolve(pointer);
  const found = new Map<string, string>();
  for (const name of Object.keys(node?.properties ?? {})) {
    found.set(name, `${pointer}/properties/${name}`);
  }
  (node?.allOf ?? []).forEach((part: { $ref?: string }, i: number) => {
    const inner = part.$ref ? part.$ref.slice(1) : `${pointer}/allOf/${i}`;
    for (const [name, at] of properties(inner)) found.set(name, at);
  });
  if (node?.$ref) return properties(node.$ref.slice(1));
  return found;
}

function validate(pointer: string, value: unknown): string[] {
  const fn: ValidateFunction = ajv.compile({ $ref: `pd#${pointer}` });
  return fn(value)
    ? []
    : (fn.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const ref = (type: string): Required<Reference> => ({
  id: "P000001",
  type,
  summary: "summary",
  self: "https://api.pagerduty.com/x/P000001",
  html_url: "https://example.pagerduty.com/x/P000001",
});

const SAMPLES: { schema: string; sample: Record<string, unknown> }[] = [
  {
    schema: "Incident",
    sample: {
      id: "PINC001",
      self: "https://api.pagerduty.com/incidents/PINC001",
      html_url: "https://example.pagerduty.com/incidents/PINC001",
      incident_number: 42,
      title: "Disk full",
      status: "acknowledged",
      urgency: "high",
      incident_key: "disk-full",
      created_at: "2026-01-01T00:00:00Z",
      service: ref("service_reference"),
      escalation_policy: ref("escalation_policy_reference"),
      teams: [ref("team_reference")],
      priority: ref("priority_reference"),
      assignments: [{
        assignee: ref("user_reference"),
        at: "2026-01-01T00:00:00Z",
      }],
      acknowledgements: [{
        at: "2026-01-01T00:01:00Z",
        acknowledger: ref("user_reference"),
      }],
      last_status_change_by: ref("user_reference"),
      last_status_change_at: "2026-01-01T00:01:00Z",
      incident_type: { name: "incident_default" },
      conference_bridge: {
        conference_number: "+1-415-555-1212,,,,1234#",
        conference_url: "https://example.com/acb-123",
      },
      alert_counts: { all: 2, triggered: 1, resolved: 1 },
    } satisfies Required<PagerDutyIncident>,
  },
  {
    schema: "User",
    sample: {
      id: "PUSER01",
      name: "Ada",
      email: "ada@example.com",
      role: "limited_user",
      html_url: "https://example.pagerduty.com/users/PUSER01",
    } satisfies Required<PagerDutyUser>,
  },
  {
    schema: "Oncall",
    sample: {
      escalation_policy: ref("escalation_policy_reference"),
      escalation_level: 1,
      schedule: ref("schedule_reference"),
      user: ref("user_reference"),
      start: "2026-01-01T00:00:00Z",
      end: "2026-01-02T00:00:00Z",
    } satisfies Required<PagerDutyOnCall>,
  },
  {
    schema: "Service",
    sample: {
      id: "PSVC001",
      name: "Checkout",
      summary: "Checkout",
      status: "active",
      escalation_policy: ref("escalation_policy_reference"),
    } satisfies Required<PagerDutyService>,
  },
];

describe("PagerDuty resource types against the spec", () => {
  it.each(SAMPLES)(
    "$schema: every field we read is in the spec, typed as we type it",
    ({ schema, sample }) => {
      const declared = properties(`/components/schemas/${schema}`);
      const problems = Object.entries(sample).flatMap(([field, value]) => {
        const at = declared.get(field);
        if (!at) return [`${field}: not in the spec`];
        return validate(at, value).map((e) => `${field}${e}`);
      });
      expect(problems).toEqual([]);
    },
  );

  it("notices a field the spec does not have", () => {
    const declared = properties("/components/schemas/Incident");
    expect(declared.has("incident_number")).toBe(true);
    expect(declared.has("number")).toBe(false); // the webhook name
  });
});
