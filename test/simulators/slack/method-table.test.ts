import { describe, expect, it } from "vitest";
import { SLACK_METHODS_USED } from "../../../bridge/slack/slack-methods-used.ts";
import { SLACK_METHOD_BUDGETS } from "../../../bridge/slack/slack-method-budgets.ts";
import { METHOD_TABLE, TIER_BUDGETS } from "./method-table.ts";

describe("simulator tiers", () => {
  it("give every method the bridge calls the tier the bridge budgets it by (Slack's documented one)", () => {
    for (const method of Object.keys(SLACK_METHODS_USED)) {
      const tier = METHOD_TABLE[method]?.tier;
      const source = SLACK_METHOD_BUDGETS[
        method as keyof typeof SLACK_METHOD_BUDGETS
      ].source;
      const documented = source.startsWith("special")
        ? (method === "chat.postMessage" ? "postMessage" : "special")
        : source.replace(" ", "");
      expect({ method, tier }).toEqual({ method, tier: documented });
    }
  });

  it("match the floors of Slack's tiers: 20, 50 and 100 per minute", () => {
    expect(TIER_BUDGETS.tier2.perSecond * 60).toBeCloseTo(20);
    expect(TIER_BUDGETS.tier3.perSecond * 60).toBeCloseTo(50);
    expect(TIER_BUDGETS.tier4.perSecond * 60).toBeCloseTo(100);
    expect(TIER_BUDGETS.postMessage).toMatchObject({
      perSecond: 1,
      perChannel: true,
    });
  });
});
