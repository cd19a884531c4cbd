// What a refused webhook leaves behind: a flood of them is a line and a summary, not a line each; a body that
// is not JSON is answered and logged by position, never quoted.
import { describe, expect, it } from "vitest";
import { makeIncidentEvent } from "../../shared/incident/fixtures.ts";
import {
  jsonOf,
  TEST_SECRETS,
  useLoggedBridgeApp,
  webhookRequest,
} from "../../test/support/bridge-test-support.ts";
import { signBody } from "./verify-signature.ts";

const h = useLoggedBridgeApp();

describe("refused webhooks in the log", () => {
  it("a flood of bad signatures writes one warning, not one per request", async () => {
    for (let i = 0; i < 200; i += 1) {
      const response = await h.app.request(
        "/webhooks/pagerduty",
        webhookRequest(makeIncidentEvent("incident.triggered"), {
          secrets: ["an-old-secret"],
        }),
      );
      expect(response.status).toBe(401);
    }
    expect(h.warnings()).toEqual([
      expect.objectContaining({
        msg: "webhook rejected",
        status: 401,
        reason: "missing or invalid X-PagerDuty-Signature",
      }),
    ]);
  });

  it("a body that is not JSON is answered and logged by position, without quoting it", async () => {
    const body = '{"event": {"id": "E1", "note": sk-live-pasted-secret}}';
    const response = await h.app.request("/webhooks/pagerduty", {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/json",
        "X-PagerDuty-Signature": signBody(body, TEST_SECRETS),
      },
    });
    expect(response.status).toBe(400);
    const { error } = await jsonOf(response);
    expect(error).toBe(
      "body is not valid JSON: unexpected character at position 31 (line 1, column 32)",
    );
    expect(h.warnings()).toEqual([
      expect.objectContaining({ status: 400, reason: error }),
    ]);
    expect(h.lines.join("\n")).not.toContain("sk-live");
  });
});
