import { describe, expect, it } from "vitest";
import { redactCredentials } from "./redact-credentials.ts";

describe("redactCredentials", () => {
  it.each([
    [
      "Authorization header Token token=y_NbAkKc66ryYTWUXYEu was refused",
      "Authorization header Token token=[redacted] was refused",
    ],
    ['Token token="u+abcdEFGH1234567890"', "Token token=[redacted]"],
    [
      "(Token token=abc, Bearer def)",
      "(Token token=[redacted], Bearer [redacted])",
    ],
    ["Bearer pdus+_0XBPWQQ_abc.def rejected", "Bearer [redacted] rejected"],
    ["Basic dXNlcjpwYXNzd29yZA== rejected", "Basic [redacted] rejected"],
    [
      "token xoxb-1234-5678-AbCdEfGh is invalid",
      "token [redacted] is invalid",
    ],
    ["app token xapp-1-A02-123-abc", "app token [redacted]"],
    [
      "url https://hooks.slack.com/services/T000/B000/XXXXXXXX unreachable",
      "url https://hooks.slack.com/[redacted] unreachable",
    ],
    [
      "cannot reach postgres://bridge:hunter2@db:5432/pagerslack",
      "cannot reach postgres://bridge:[redacted]@db:5432/pagerslack",
    ],
    ["api_key=abc&limit=1", "api_key=[redacted]&limit=1"],
    ['{"secret": "s3cr3t-value"}', '{"secret": "[redacted]"}'],
    ["password: pa55", "password: [redacted]"],
    [
      "v1=8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4",
      "v1=[redacted]",
    ],
    [
      "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl here",
      "jwt [redacted] here",
    ],
    ["key u+abcdEFGH1234567890 leaked", "key [redacted] leaked"],
    [
      "secret dGhpcyBpcyBhIHNlY3JldCB2YWx1ZQ== leaked",
      "secret [redacted] leaked",
    ],
  ])("redacts %s", (input, expected) => {
    expect(redactCredentials(input)).toBe(expected);
  });

  it.each([
    "Service PNOPE00 not found",
    "Invalid Input Provided (2001)",
    "User with email rui.silva@example.com not found",
    "PagerDuty /webhook_subscriptions: 400 Invalid Input Provided",
    "delivery_method.url https://bridge.example.com/webhooks/pagerduty must use HTTPS",
    "incident Q2D0V6S6M0XYZ9 at 2026-08-20T10:00:00.000Z",
    "internationalization_of_webhook_subscriptions",
    "offset+limit must be at most 10000",
  ])("keeps what is not a credential: %s", (text) => {
    expect(redactCredentials(text)).toBe(text);
  });
});
