// Custom field values of incidents and services: parsing the body of PUT /incidents/{id}/custom_fields/values
// and PUT /services/{id}/custom_fields/values (REST spec `CustomFieldsEditableFieldValue`, fields by `id` or
// `name`; null resets a field; all succeed or none apply), and their REST and webhook renderings.

import { isObject } from "./incident-input.ts";
import { PagerDutyError } from "./pagerduty-error.ts";
import type {
  CustomFieldValue,
  SimCustomField,
  SimulatorState,
} from "./simulator-state.ts";

export interface FieldChange {
  field: SimCustomField;
  value: CustomFieldValue;
}

/** Whether `value` fits the field's `data_type` and `field_type` (multi-value fields take arrays). */
function fits(field: SimCustomField, value: unknown): boolean {
  if (value === null) return true;
  const multi = field.fieldType.startsWith("multi_value");
  if (multi) {
    return Array.isArray(value) && value.length <= 10 &&
      value.every((v) => typeof v === "string");
  }
  switch (field.dataType) {
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return Number.isInteger(value);
    case "float":
      return typeof value === "number";
    case "datetime":
      return typeof value === "string" && !Number.isNaN(Date.parse(value));
    case "string":
    case "url":
      return typeof value === "string" && value.length <= 200;
  }
}

export function parseFieldValues(
  state: SimulatorState,
  namespace: SimCustomField["namespace"],
  body: unknown,
): FieldChange[] {
  const list = isObject(body) ? body.custom_fields : undefined;
  if (!Array.isArray(list)) {
    throw new PagerDutyError("invalidInput", ["custom_fields is required"]);
  }
  const fields = [...state.customFields.values()].filter((f) =>
    f.namespace === namespace
  );
  const errors: string[] = [];
  const changes: FieldChange[] = [];
  for (const item of list) {
    const field = isObject(item)
      ? fields.find((f) => f.id === item.id || f.name === item.name)
      : undefined;
    if (!field || !isObject(item)) {
      errors.push(
        `Custom field ${
          JSON.stringify(isObject(item) ? item.id ?? item.name : item)
        } not found`,
      );
      continue;
    }
    if (!fits(field, item.value)) {
      errors.push(
        `Value of ${field.name} must be a ${field.fieldType} ${field.dataType}`,
      );
      continue;
    }
    changes.push({ field, value: item.value as CustomFieldValue });
  }
  if (errors.length) throw new PagerDutyError("invalidInput", errors);
  return changes;
}

/** Applies the changes to `ownerId`'s values; returns the fields whose value changed, with their old value. */
export function applyFieldValues(
  state: SimulatorState,
  ownerId: string,
  changes: FieldChange[],
): FieldChange[] {
  const values = state.customFieldValues.get(ownerId) ?? new Map();
  state.customFieldValues.set(ownerId, values);
  const previous: FieldChange[] = [];
  for (const { field, value } of changes) {
    const old = values.get(field.id) ?? null;
    if (JSON.stringify(old) === JSON.stringify(value)) continue;
    previous.push({ field, value: old });
    values.set(field.id, value);
  }
  return previous;
}

/** Every field of the namespace with `ownerId`'s value (null when unset). */
export function currentFieldValues(
  state: SimulatorState,
  namespace: SimCustomField["namespace"],
  ownerId: string,
): FieldChange[] {
  const values = state.customFieldValues.get(ownerId);
  return [...state.customFields.values()]
    .filter((f) => f.namespace === namespace)
    .map((field) => ({ field, value: values?.get(field.id) ?? null }));
}

/** REST `CustomFieldsFieldValue`, as GET/PUT …/custom_fields/values answer. */
export function renderFieldValue({ field, value }: FieldChange) {
  return {
    id: field.id,
    type: "field_value",
    name: field.name,
    display_name: field.displayName,
    description: field.description,
    data_type: field.dataType,
    field_type: field.fieldType,
    value,
  };
}

/**
 * A `field_value` of webhook data (`incident_field_values` / `service_field_values`): incident fields carry their
 * `namespace`, service fields do not (both as PagerDuty's examples show them).
 */
export function webhookFieldValue({ field, value }: FieldChange) {
  return {
    data_type: field.dataType,
    field_type: field.fieldType,
    id: field.id,
    name: field.name,
    ...(field.namespace === "incidents" ? { namespace: field.namespace } : {}),
    type: "field_value",
    value,
  };
}
