// The one JSON-schema validator set-up for PagerDuty's OpenAPI spec, used by the spec trim test and the
// simulator's contract test. OpenAPI 3.0 schemas are JSON Schema plus `nullable`, `example`, `x-*`, so strict
// mode is off; PagerDuty's own formats are registered so they are checked instead of warned about and ignored.
import { Ajv, type Options } from "ajv";
import addFormatsModule from "ajv-formats";

/** Formats PagerDuty's spec uses beyond JSON Schema's. */
const PAGERDUTY_FORMATS: Record<string, RegExp | true> = {
  // IANA zone names ("America/New_York", "UTC", "Etc/GMT+5").
  tzinfo: /^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/,
  // Rails zone names ("Eastern Time (US & Canada)"): any non-empty name.
  "activesupport-time-zone": /\S/,
  // RFC 3339 partial-time ("08:00:00", fractions allowed).
  "partial-time": /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?$/,
  "utc-millisec": true,
  url: /^https?:\/\/\S+$/,
};

export function createSpecAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ strict: false, ...options });
  (addFormatsModule as unknown as (a: Ajv) => void)(ajv);
  for (const [name, format] of Object.entries(PAGERDUTY_FORMATS)) {
    ajv.addFormat(name, format);
  }
  return ajv;
}
