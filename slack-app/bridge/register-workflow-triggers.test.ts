import { describe, expect, it } from "../../test/slack-app/bdd.ts";
import type { WorkflowTrigger } from "../../shared/bridge-api/bridge-api-schemas.ts";
import { createBridgeClient } from "./bridge-client.ts";
import {
  registerWorkflowTriggers,
  registerWorkflowTriggersWithin,
  workflowTriggersFromEnv,
} from "./register-workflow-triggers.ts";

describe("registerWorkflowTriggers", () => {
  it("sends the trigger URLs of the app's env to the bridge, by the bridge's names", async () => {
    const sent: { method: string; url: string; body: unknown }[] = [];
    const bridge = createBridgeClient({
      baseUrl: "https://bridge.example.com/",
      token: "t",
      fetch: (input, init) => {
        sent.push({
          method: init?.method ?? "GET",
          url: String(input),
          body: JSON.parse(String(init?.body)),
        });
        return Promise.resolve(Response.json({ triggers: [] }));
      },
    });
    const env = {
      TRIGGER_INCIDENT_TRIGGER_URL: "https://slack.com/shortcuts/Ft1/a",
      HELP_TRIGGER_URL: " https://slack.com/shortcuts/Ft2/b ",
      ACTIONS_TRIGGER_URL: "https://slack.com/shortcuts/Ft3/c",
      ONCALL_TRIGGER_URL: "",
    };
    const result = await registerWorkflowTriggers(bridge, env);
    expect(result).toEqual({ ok: true, value: { triggers: [] } });
    const expected: WorkflowTrigger[] = [
      { name: "trigger_incident", url: "https://slack.com/shortcuts/Ft1/a" },
      { name: "help", url: "https://slack.com/shortcuts/Ft2/b" },
      { name: "incident_action", url: "https://slack.com/shortcuts/Ft3/c" },
    ];
    expect(sent).toEqual([{
      method: "PUT",
      url: "https://bridge.example.com/api/v1/workflow-triggers",
      body: { triggers: expected },
    }]);
  });

  it("sends nothing when the env holds no trigger URL", async () => {
    expect(workflowTriggersFromEnv({})).toEqual([]);
    const bridge = createBridgeClient({
      baseUrl: "https://bridge.example.com",
      token: "t",
      fetch: () => {
        throw new Error("no call expected");
      },
    });
    expect(await registerWorkflowTriggers(bridge, {})).toBe(null);
  });
});

describe("registerWorkflowTriggersWithin", () => {
  const env = { HELP_TRIGGER_URL: "https://slack.com/shortcuts/Ft2/b" };

  it("answers the bridge's answer when it comes in time", async () => {
    const bridge = createBridgeClient({
      baseUrl: "https://bridge.example.com",
      token: "t",
      fetch: () => Promise.resolve(Response.json({ triggers: [] })),
    });
    expect(await registerWorkflowTriggersWithin(bridge, env, 1_000)).toEqual({
      ok: true,
      value: { triggers: [] },
    });
  });

  it("stops waiting for a bridge that does not answer", async () => {
    const bridge = createBridgeClient({
      baseUrl: "https://bridge.example.com",
      token: "t",
      fetch: () => new Promise<Response>(() => {}),
    });
    expect(await registerWorkflowTriggersWithin(bridge, env, 20)).toBe(
      "still_waiting",
    );
  });
});
