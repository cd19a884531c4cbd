import { describe, expect, it } from "vitest";
import {
  signSlackRequest,
  type SlackSignatureHeaders,
  verifySlackSignature,
} from "./verify-slack-signature.ts";

// The worked example of https://api.slack.com/authentication/verifying-requests-from-slack (also at
// docs.slack.dev/authentication/verifying-requests-from-slack): secret, timestamp, body and signature verbatim.
const DOC = {
  secret: "8f742231b10e8888abcd99yyyzzz85a5",
  timestamp: "1531420618",
  body:
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
  signature:
    "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
};
const docHeaders = { signature: DOC.signature, timestamp: DOC.timestamp };
const docTimeMs = Number(DOC.timestamp) * 1000;

describe("verifySlackSignature", () => {
  it("accepts Slack's documented example at its own timestamp", () => {
    expect(verifySlackSignature(DOC.body, docHeaders, DOC.secret, docTimeMs))
      .toEqual({ ok: true });
    // Still within five minutes on either side.
    expect(
      verifySlackSignature(
        DOC.body,
        docHeaders,
        DOC.secret,
        docTimeMs + 299_000,
      ),
    ).toEqual({ ok: true });
  });

  it("refuses the same request at the real clock as a replay", () => {
    expect(
      verifySlackSignature(DOC.body, docHeaders, DOC.secret, Date.now()),
    ).toEqual({ ok: false, reason: "stale" });
    expect(
      verifySlackSignature(
        DOC.body,
        docHeaders,
        DOC.secret,
        docTimeMs + 301_000,
      ),
    ).toEqual({ ok: false, reason: "stale" });
  });

  it("refuses a changed body, another secret, and missing or malformed headers", () => {
    const at = (
      body: string,
      headers: SlackSignatureHeaders = docHeaders,
      secret = DOC.secret,
    ) => verifySlackSignature(body, headers, secret, docTimeMs);
    expect(at(DOC.body.replace("text=", "text=ack"))).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(at(DOC.body, docHeaders, "another-secret")).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(at(DOC.body, { ...docHeaders, signature: "v0=abc" })).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(at(DOC.body, { ...docHeaders, signature: undefined })).toEqual({
      ok: false,
      reason: "missing",
    });
    expect(at(DOC.body, { ...docHeaders, timestamp: "soon" })).toEqual({
      ok: false,
      reason: "missing",
    });
  });

  it("signs as Slack does: its own signature for the documented request", () => {
    expect(signSlackRequest(DOC.body, DOC.secret, docTimeMs)).toEqual({
      "X-Slack-Signature": DOC.signature,
      "X-Slack-Request-Timestamp": DOC.timestamp,
    });
  });
});
