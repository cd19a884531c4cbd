// `/pd oncall [service or escalation policy]`, answered by the bridge itself with its read-only key, so anyone
// may ask (people without a PagerDuty licence or link too): who is on call now, by level, until when, with
// Slack mentions where PagerDuty's email is a Slack user's. PagerDuty's `query` filters names by substring:
// an exact name wins, one match is the answer, several get a short list.
// https://developer.pagerduty.com/api-reference/ (GET /services, GET /escalation_policies, GET /oncalls)
import type { Logger } from "pino";
import { escapeMrkdwn } from "../../shared/cards/escape-mrkdwn.ts";
import {
  type QueryValue,
  toQueryString,
} from "../../shared/pagerduty/to-query-string.ts";
import {
  formatOnCall,
  onCallSubject,
} from "../../shared/oncall/format-on-call.ts";
import {
  listOnCall,
  type OnCallPagerDuty,
} from "../../shared/oncall/list-on-call.ts";
import type { PagerDutyClient } from "../pagerduty/pagerduty-client.ts";
import type { SlackMentions } from "./slack-mentions.ts";
import type { SlashAnswer } from "./slash-command.ts";

/** Choices shown for an ambiguous name. */
const MAX_CHOICES = 8;
/** PagerDuty calls of one answer wait this long at most (the answer goes to response_url after 3 s). */
const CALL_TIMEOUT_MS = 8000;

interface Named {
  id: string;
  name: string;
}
interface ServiceRef extends Named {
  escalation_policy?: { id: string; summary?: string } | null;
}
type Subject =
  | { kind: "service"; service: ServiceRef }
  | { kind: "escalation_policy"; policy: Named };

export const PAGERDUTY_DOWN =
  "PagerDuty did not answer, so I cannot say who is on call right now: try again in a minute.";

export interface OnCallAnswerOptions {
  pagerDuty: PagerDutyClient;
  /** Mentions by email, remembered across commands (slack-mentions.ts). */
  mentions: SlackMentions;
  logger: Logger;
  query: string;
  /** Services connected to the channel: what a bare `/pd oncall` is about. */
  connectedServiceIds: readonly string[];
}

export async function answerOnCall(
  options: OnCallAnswerOptions,
): Promise<SlashAnswer> {
  const pd = asOnCallClient(options.pagerDuty);
  try {
    const subjects = await findSubjects(pd, options);
    if (subjects.kind === "answer") return subjects.answer;
    const texts = await Promise.all(
      subjects.list.map((s) => describe(pd, options.mentions, s)),
    );
    return { text: texts.join("\n\n") };
  } catch (error) {
    options.logger.warn(
      { err: error, query: options.query },
      "/pd oncall: PagerDuty failed",
    );
    return { text: PAGERDUTY_DOWN };
  }
}

async function findSubjects(
  pd: OnCallPagerDuty,
  { query, connectedServiceIds }: OnCallAnswerOptions,
): Promise<
  { kind: "answer"; answer: SlashAnswer } | { kind: "list"; list: Subject[] }
> {
  if (query === "") {
    if (connectedServiceIds.length === 0) {
      return {
        kind: "answer",
        answer: {
          text:
            "Name a service or escalation policy: `/pd oncall Checkout`. (In a connected channel, `/pd oncall` alone answers for its services.)",
        },
      };
    }
    const services = await Promise.all(
      connectedServiceIds.map((id) =>
        pd.get<{ service: ServiceRef }>(`/services/${encodeURIComponent(id)}`)
          .then((r) => r.service)
      ),
    );
    return {
      kind: "list",
      list: services.map((service) => ({ kind: "service", service })),
    };
  }
  const [services, policies] = await Promise.all([
    pd.get<{ services: ServiceRef[] }>("/services", { query, limit: 25 }),
    pd.get<{ escalation_policies: Named[] }>("/escalation_policies", {
      query,
      limit: 25,
    }),
  ]);
  const all: Subject[] = [
    ...services.services.map((service) => ({
      kind: "service" as const,
      service,
    })),
    ...policies.escalation_policies.map((policy) => ({
      kind: "escalation_policy" as const,
      policy,
    })),
  ];
  const nameOf = (s: Subject) =>
    s.kind === "service" ? s.service.name : s.policy.name;
  const exact = all.filter((s) =>
    nameOf(s).toLowerCase() === query.toLowerCase()
  );
  const chosen = exact.length > 0 ? exact : all;
  if (chosen.length === 1) return { kind: "list", list: chosen };
  if (chosen.length === 0) {
    return {
      kind: "answer",
      answer: {
        text: `:mag: No service or escalation policy is named like "${
          escapeMrkdwn(query)
        }".`,
      },
    };
  }
  const lines = chosen.slice(0, MAX_CHOICES).map((s) =>
    `• \`/pd oncall ${escapeMrkdwn(nameOf(s))}\` (${
      s.kind === "service" ? "service" : "escalation policy"
    })`
  );
  const more = chosen.length > MAX_CHOICES
    ? [`…and ${chosen.length - MAX_CHOICES} more: type more of the name.`]
    : [];
  return {
    kind: "answer",
    answer: {
      text: [
        `:thinking_face: Several match "${escapeMrkdwn(query)}". Which one?`,
        ...lines,
        ...more,
      ].join("\n"),
    },
  };
}

async function describe(
  pd: OnCallPagerDuty,
  slackMentions: SlackMentions,
  subject: Subject,
): Promise<string> {
  let policyId: string;
  let label: string;
  if (subject.kind === "service") {
    const policy = subject.service.escalation_policy;
    if (!policy) {
      return `:grey_question: Service *${
        escapeMrkdwn(subject.service.name)
      }* has no escalation policy.`;
    }
    policyId = policy.id;
    label = onCallSubject({
      kind: "service",
      name: subject.service.name,
      policyName: policy.summary ?? policy.id,
    });
  } else {
    policyId = subject.policy.id;
    label = onCallSubject({
      kind: "escalation_policy",
      name: subject.policy.name,
    });
  }
  const levels = await listOnCall(pd, policyId);
  const users = new Map(levels.flatMap((l) => l.users).map((u) => [u.id, u]));
  const mentions = new Map<string, string>();
  await Promise.all([...users.values()].map(async (u) => {
    if (!u.email) return;
    // A miss (no such Slack user, rate limit) leaves the PagerDuty name.
    const slackId = await slackMentions.slackIdOf(u.email);
    if (slackId) mentions.set(u.id, slackId);
  }));
  return formatOnCall(label, levels, mentions);
}

/** The bridge's client with query objects (arrays as `name[]=…`), as listOnCall calls it. */
export function asOnCallClient(pagerDuty: PagerDutyClient): OnCallPagerDuty {
  return {
    get<T>(
      path: string,
      query?: Record<string, QueryValue>,
    ): Promise<T> {
      return pagerDuty.get<T>(`${path}${toQueryString(query)}`, {
        timeoutMs: CALL_TIMEOUT_MS,
      });
    },
  };
}
