export class PagerDutyApiError extends Error {
  override name = "PagerDutyApiError";
  readonly status: number;
  readonly code: number | null;
  constructor(
    init: {
      path: string;
      status: number;
      code: number | null;
      message: string;
    },
    options?: { cause?: unknown },
  ) {
    super(`PagerDuty ${init.path}: ${init.status} ${init.message}`, options);
    this.status = init.status;
    this.code = init.code;
  }
}
