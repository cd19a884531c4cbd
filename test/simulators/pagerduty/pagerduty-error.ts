// PagerDuty REST API v2 errors, in one table. Codes and messages follow PagerDuty's published error-code list
// ("Errors" page of the REST API docs); the body is `{"error":{"message","code","errors":[…]}}` on every failure.

export const PAGERDUTY_ERRORS = {
  incidentAlreadyResolved: {
    status: 400,
    code: 1001,
    message: "Incident Already Resolved",
  },
  incidentAlreadyAcknowledged: {
    status: 400,
    code: 1002,
    message: "Incident Already Acknowledged",
  },
  invalidStatus: {
    status: 400,
    code: 1003,
    message: "Invalid Status Provided",
  },
  cannotEscalate: {
    status: 400,
    code: 1006,
    message: "Invalid Escalation Level",
  },
  requesterNotFound: {
    status: 400,
    code: 1008,
    message: "Requester User Not Found",
  },
  incidentNotAcknowledged: {
    status: 400,
    code: 1012,
    message: "Incident Not Acknowledged",
  },
  escalationPolicyNotFound: {
    status: 400,
    code: 1014,
    message: "Escalation Policy Not Found",
  },
  requesterNotAuthorized: {
    status: 403,
    code: 1018,
    message: "Requester User Not Authorized",
  },
  invalidPriority: { status: 400, code: 1020, message: "Invalid Priority" },
  invalidInput: { status: 400, code: 2001, message: "Invalid Input Provided" },
  authenticationFailed: {
    status: 401,
    code: 2006,
    message: "Authentication Failed",
  },
  accessDenied: { status: 403, code: 2010, message: "Access Denied" },
  // The account lacks the feature (e.g. priorities disabled): 402 with the Abilities API's wording.
  featureUnavailable: {
    status: 402,
    code: 2014,
    message: "Payment Required",
  },
  rateLimited: { status: 429, code: 2020, message: "Rate Limit Exceeded" },
  notFound: { status: 404, code: 2100, message: "Not Found" },
  // Not PagerDuty codes: the simulator's own answers for transport-level problems and injected faults.
  notAcceptable: { status: 406, code: 2001, message: "Invalid Input Provided" },
  // PUT /incidents with more than 250 incidents: the REST reference says "the API will respond with status 413
  // (Request Entity Too Large)" and documents no body or code, so the body is the generic error's.
  tooManyIncidents: {
    status: 413,
    code: 2001,
    message: "Request Entity Too Large",
  },
  unsupportedMediaType: {
    status: 415,
    code: 2001,
    message: "Invalid Input Provided",
  },
  internalError: { status: 500, code: 2000, message: "Internal Error" },
} as const satisfies Record<
  string,
  { status: number; code: number; message: string }
>;

export type PagerDutyErrorKind = keyof typeof PAGERDUTY_ERRORS;

export interface PagerDutyErrorBody {
  error: { message: string; code: number; errors?: string[] };
}

/** A REST failure the simulator answers with; thrown by handlers and turned into a response in one place. */
export class PagerDutyError extends Error {
  readonly kind: PagerDutyErrorKind;
  readonly status: number;
  readonly code: number;
  readonly errors: string[];

  constructor(kind: PagerDutyErrorKind, errors: string[] = []) {
    const entry = PAGERDUTY_ERRORS[kind];
    super(
      `${entry.message} (${entry.code})${errors.length ? ": " : ""}${
        errors.join("; ")
      }`,
    );
    this.name = "PagerDutyError";
    this.kind = kind;
    this.status = entry.status;
    this.code = entry.code;
    this.errors = errors;
  }

  toBody(): PagerDutyErrorBody {
    const { message } = PAGERDUTY_ERRORS[this.kind];
    return {
      error: this.errors.length
        ? { message, code: this.code, errors: this.errors }
        : { message, code: this.code },
    };
  }
}

/**
 * A Scoped OAuth token without the scope the operation requires. PagerDuty answers 403 with a body of its own,
 * not the `{"error":{…}}` envelope: `{"message":"Token missing required scopes","required_scopes":"<scope>"}`
 * (quoted in https://github.com/PagerDuty/terraform-provider-pagerduty/pull/1027; clients reading `error.code`
 * see none: https://github.com/PagerDuty/terraform-provider-pagerduty/issues/1078).
 */
export class ScopeMissing extends Error {
  override readonly name = "ScopeMissing";
  constructor(readonly requiredScope: string) {
    super(`Token missing required scopes: ${requiredScope}`);
  }

  toBody(): { message: string; required_scopes: string } {
    return {
      message: "Token missing required scopes",
      required_scopes: this.requiredScope,
    };
  }
}
