// Issue 20: `cli.ts smoke` against the simulators and the real bridge process, so the live smoke cannot rot, and
// with each mismatch it exists to find injected: the smoke must fail naming it in one line, and clean up.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runBridgeCommand } from "./run-bridge-command.ts";
import type { Stack } from "./start-stack.ts";
import { useStack } from "./use-stack.ts";

let s: Stack;
useStack((started) => (s = started), { connect: false });

const smoke = (extra: string[] = [], env: Record<string, string> = {}) =>
  runBridgeCommand([
    "smoke",
    "--live",
    "--channel",
    s.channels.responders,
    "--service",
    s.demo.services.checkout,
    "--from",
    s.demo.users.responder.email,
    "--bridge-url",
    s.bridge.url,
    "--wait-seconds",
    "5",
    ...extra,
  ], { ...s.bridgeEnv, BRIDGE_API_TOKEN: s.bridgeApiToken, ...env });

/** A file holding `token`, as an operator passes the app's token (never on the command line). */
function tokenFile(token: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "pagerslack-smoke-")), "token");
  writeFileSync(file, `${token}\n`);
  return file;
}

const APP_TOKEN_ROW = "app: bridge API answers the app's token";

/** The table's row for a step: exactly one line starting with ✓ or ✗ and the step's name. */
function row(stdout: string, name: string): string {
  const rows = stdout.split("\n").filter((l) => l.slice(2).startsWith(name));
  expect(rows, `one "${name}" row in:\n${stdout}`).toHaveLength(1);
  return rows[0] ?? "";
}

async function connectionIds(): Promise<string[]> {
  const response = await fetch(`${s.bridge.url}/api/v1/connections`, {
    headers: { Authorization: `Bearer ${s.bridgeApiToken}` },
  });
  const body = await response.json() as { connections: { id: string }[] };
  return body.connections.map((c) => c.id);
}

/** Whatever happened, the smoke leaves nothing behind: no message, no open incident, no connection. */
async function expectCleanedUp() {
  await s.waitForQuiet();
  expect(s.slack.transcript(s.channels.responders)).toEqual([]);
  expect(
    s.pd.incidents().filter((i) =>
      i.title.startsWith("pagerslack smoke test") && i.status !== "resolved"
    ),
  ).toEqual([]);
  expect(await connectionIds()).toEqual([]);
}

afterEach(() => {
  s.slack.clearFaults();
  s.pd.webhooks.setFaults({ dropRate: 0 });
});

describe("smoke", () => {
  it("refuses to run without --live, a test channel and a test service (exit 2, one line)", async () => {
    const result = await runBridgeCommand(
      ["smoke", "--channel", s.channels.responders],
      s.bridgeEnv,
    );
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe(
      "smoke: refusing to run without --live, --service, --from (it posts in the test channel and creates an incident on the test service)",
    );
    expect(s.slack.calls({ method: "chat.postMessage" })).toHaveLength(0);
  });

  it("passes every step against the simulators and leaves nothing behind", async () => {
    const result = await smoke();
    expect(result.stdout).not.toContain("✗");
    expect(result.code).toBe(0);
    expect(row(result.stdout, "slack: bot scopes")).toContain("✓");
    expect(row(result.stdout, "slack: card with workflow button")).toContain(
      "✓",
    );
    expect(row(result.stdout, "slack: card found by metadata")).toContain("✓");
    expect(row(result.stdout, "pagerduty: resolved, card follows")).toContain(
      "the card shows resolved",
    );
    expect(row(result.stdout, "bridge: temporary connection removed"))
      .toContain("✓");
    await expectCleanedUp();
  });

  it("checks the app's token from --api-token-file or BRIDGE_API_TOKEN, and fails without one", async () => {
    const fromFile = await smoke(
      ["--api-token-file", tokenFile(s.bridgeApiToken)],
      { BRIDGE_API_TOKEN: "" },
    );
    expect(row(fromFile.stdout, APP_TOKEN_ROW)).toMatch(
      /^✓ .*GET \/api\/v1\/connections: 200/,
    );
    expect(fromFile.code).toBe(0);

    // One of the bridge's own tokens is no stand-in for the app's: without the app's, the step is not a pass.
    const none = await smoke([], { BRIDGE_API_TOKEN: "" });
    expect(none.code).toBe(1);
    expect(row(none.stdout, APP_TOKEN_ROW)).toMatch(
      /^✗ .*not run: no app token given\. Fix: pass --api-token-file <a file holding the app's BRIDGE_API_TOKEN>, or set BRIDGE_API_TOKEN$/,
    );
    expect(row(none.stdout, "app: trigger URLs exist")).toMatch(/^✓ /);
    await expectCleanedUp();

    const wrong = await smoke([], {
      BRIDGE_API_TOKEN: "not-the-bridges-token",
    });
    expect(wrong.code).toBe(1);
    expect(row(wrong.stdout, APP_TOKEN_ROW)).toMatch(
      /^✗ .*GET \/api\/v1\/connections: 401 .*Fix: set the app's BRIDGE_API_TOKEN \(slack env add\) to one of the bridge's PAGERSLACK_API_TOKENS$/,
    );
    expect(wrong.stdout).not.toContain("not-the-bridges-token");
    await expectCleanedUp();

    const unreadable = await smoke(["--api-token-file", "/nonexistent/token"]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr.split("\n")[0]).toBe(
      "smoke: cannot read --api-token-file /nonexistent/token: ENOENT",
    );
  });

  it("names a workflow button Slack refuses (a trigger URL the app does not have)", async () => {
    const result = await smoke([], {
      SLACK_ACTIONS_TRIGGER_URL: "https://slack.com/shortcuts/Ft0GONE/0123abc",
    });
    expect(result.code).toBe(1);
    expect(row(result.stdout, "slack: card with workflow button")).toMatch(
      /^✗ .*chat\.postMessage: invalid_blocks\. Fix: Slack refused the workflow button: check that SLACK_ACTIONS_TRIGGER_URL/,
    );
    await expectCleanedUp();
  });

  it("names a scope the bridge's token lacks", async () => {
    const narrow = s.slack.createToken({
      kind: "bot",
      appId: "A0PSBRIDGE",
      scopes: ["chat:write", "users:read", "users:read.email"],
      botName: "pagerslack",
    });
    const result = await smoke([], { SLACK_BOT_TOKEN: narrow.token });
    expect(result.code).toBe(1);
    const scopes = row(result.stdout, "slack: bot scopes");
    expect(scopes).toMatch(/^✗ /);
    expect(scopes).toContain("missing_scope: the token lacks ");
    for (
      const scope of [
        "channels:history",
        "groups:history",
        "channels:manage",
        "groups:write",
      ]
    ) expect(scopes).toContain(scope);
    expect(scopes).toContain("Fix: add them to the bridge's Slack app");
    // Without channels:history it cannot find the bridge's card to delete it, and says so.
    expect(row(result.stdout, "slack: incident card deleted")).toMatch(
      /^✗ .*conversations\.history: missing_scope: delete the card of \w+ in C\w+ by hand/,
    );
    for (const message of s.slack.transcript(s.channels.responders)) {
      expect(message.user).not.toBe(narrow.userId);
      await fetch(`${s.slack.url}chat.delete`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${s.bridgeEnv.SLACK_BOT_TOKEN}`,
          "Content-Type": "application/json",
        },
        body: JSON.stringify({
          channel: s.channels.responders,
          ts: message.ts,
        }),
      });
    }
    await expectCleanedUp();
  });

  it("names a webhook that is never delivered, and still resolves the incident", async () => {
    s.pd.webhooks.setFaults({ dropRate: 1 });
    const result = await smoke();
    expect(result.code).toBe(1);
    expect(
      row(result.stdout, "pagerduty: webhook reached the bridge, card posted"),
    ).toMatch(
      /^✗ .*no card for \w+ in C\w+ after 5s\. Fix: PagerDuty did not deliver the webhook/,
    );
    expect(row(result.stdout, "pagerduty: test incident resolved")).toContain(
      "✓",
    );
    s.pd.webhooks.setFaults({ dropRate: 0 });
    await expectCleanedUp();
  });

  it("names a subscription that is disabled or delivers elsewhere", async () => {
    const rest = (body: unknown) =>
      fetch(`${s.pd.url}/webhook_subscriptions/${s.subscriptionId}`, {
        method: "PUT",
        headers: {
          Authorization: `Token token=${s.demo.apiKey}`,
          Accept: "application/vnd.pagerduty+json;version=2",
          "Content-Type": "application/json",
        },
        body: JSON.stringify({ webhook_subscription: body }),
      });
    expect((await rest({ active: false })).status).toBe(200);
    try {
      const disabled = await smoke();
      expect(disabled.code).toBe(1);
      expect(row(disabled.stdout, "pagerduty: webhook subscription")).toMatch(
        /^✗ .*webhook subscription: \w+ is disabled/,
      );
      await expectCleanedUp();

      const elsewhere = await smoke([
        "--bridge-url",
        "https://bridge.example.com",
      ]);
      expect(elsewhere.code).toBe(1);
      expect(row(elsewhere.stdout, "pagerduty: webhook subscription"))
        .toMatch(
          /^✗ pagerduty: webhook subscription +webhook subscription: none delivers to https:\/\/bridge\.example\.com\/webhooks\/pagerduty /,
        );
      await expectCleanedUp();
    } finally {
      await rest({ active: true });
    }
  });

  it("checks every trigger URL the bridge's registry holds, and names the one Slack does not know", async () => {
    const register = async (triggers: { name: string; url: string }[]) => {
      const response = await fetch(`${s.bridge.url}/api/v1/workflow-triggers`, {
        method: "PUT",
        headers: {
          Authorization: `Bearer ${s.bridgeApiToken}`,
          "Content-Type": "application/json",
        },
        body: JSON.stringify({ triggers }),
      });
      expect(response.status).toBe(200);
    };
    await register([{
      name: "incident_action",
      url: s.bridgeEnv.SLACK_ACTIONS_TRIGGER_URL ?? "",
    }]);
    const known = await smoke();
    expect(known.code).toBe(0);
    expect(row(known.stdout, "app: trigger URLs exist")).toBe(
      "✓ app: trigger URLs exist                             Slack took incident_action",
    );

    const gone = "https://slack.com/shortcuts/Ft0GONE/0123abc";
    await register([{ name: "help", url: gone }]);
    const result = await smoke();
    expect(result.code).toBe(1);
    expect(row(result.stdout, "app: trigger URLs exist")).toMatch(
      /^✗ app: trigger URLs exist +chat\.postMessage: invalid_blocks for help https:\/\/slack\.com\/shortcuts\/Ft0GONE\/0123abc\. Fix: recreate the trigger/,
    );
    await expectCleanedUp();
  });
});
