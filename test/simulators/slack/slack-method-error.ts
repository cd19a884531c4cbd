/**
 * An `{ok:false}` answer a method handler wants to give. The dispatcher turns it into the HTTP 200 body Slack
 * sends (`{ok:false, error, ...extra}`) after checking the code is one the method documents.
 */
export class SlackMethodError extends Error {
  readonly error: string;
  readonly extra: Record<string, unknown>;

  constructor(error: string, extra: Record<string, unknown> = {}) {
    super(`Slack method error: ${error}`);
    this.name = "SlackMethodError";
    this.error = error;
    this.extra = extra;
  }
}
