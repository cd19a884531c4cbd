import { describe, expect, it } from "vitest";
import { CARD_ACTIONS, isCardAction } from "./card-actions.ts";

describe("CARD_ACTIONS", () => {
  it("uses each action's key as the value the workflow receives", () => {
    for (const [key, action] of Object.entries(CARD_ACTIONS)) {
      expect(action.value).toBe(key);
      expect(isCardAction(action.value)).toBe(true);
    }
    expect(isCardAction("toString")).toBe(false);
    expect(isCardAction("escalate")).toBe(false);
  });
});
