import { missingScope } from "../../pagerduty/explain-pagerduty-error.ts";
import {
  isMissingScope,
  type PagerDutyApiError,
} from "../../pagerduty/pagerduty-api-error.ts";

/**
 * Why the Connect form offers no teams, in mrkdwn, when GET /teams failed but services did not: the form still
 * works for services, and the person learns what to change to get teams. Each cause has its own fix.
 */
export function teamsUnavailable(
  error: PagerDutyApiError,
  linkTriggerUrl: string | undefined,
): string {
  if (isMissingScope(error)) {
    return missingScope(error.context.requiredScopes, {
      attempted: "list PagerDuty teams, so only services are offered",
      linkTriggerUrl,
    });
  }
  if (error.status === 402) {
    return ":information_source: This PagerDuty account's plan has no teams, so only services can be connected.";
  }
  if (error.status === 403) {
    return ":information_source: PagerDuty does not let your role list teams, so only services are offered. Ask a PagerDuty admin if you need to connect a team.";
  }
  return `:warning: PagerDuty did not list its teams (${error.status}), so only services are offered. Try again later.`;
}
