import { describe, expect, it } from "vitest";
import { parsePdCommand } from "./parse-pd-command.ts";

describe("parsePdCommand", () => {
  it("reads each sub-command PagerDuty users type", () => {
    expect(parsePdCommand("")).toEqual({ kind: "help" });
    expect(parsePdCommand("  HELP ")).toEqual({ kind: "help" });
    expect(parsePdCommand("oncall")).toEqual({ kind: "oncall", query: "" });
    expect(parsePdCommand("oncall  Checkout API")).toEqual({
      kind: "oncall",
      query: "Checkout API",
    });
    expect(parsePdCommand("trigger Checkout is down: 502s")).toEqual({
      kind: "trigger",
      title: "Checkout is down: 502s",
    });
    expect(parsePdCommand("link")).toEqual({ kind: "link" });
    expect(parsePdCommand("unlink")).toEqual({ kind: "unlink" });
    expect(parsePdCommand("connect")).toEqual({ kind: "connect" });
    expect(parsePdCommand("notifications")).toEqual({ kind: "notifications" });
    expect(parsePdCommand("DMs")).toEqual({ kind: "notifications" });
    expect(parsePdCommand("invite <@U0SIM42|nina>")).toEqual({
      kind: "invite",
      invitee: "U0SIM42",
    });
    expect(parsePdCommand("invite nina")).toEqual({
      kind: "invite",
      invitee: null,
    });
  });

  it("reads incident numbers, with or without #, and the note after them", () => {
    expect(parsePdCommand("ack 1234")).toEqual({
      kind: "incident",
      action: "ack",
      number: 1234,
      note: "",
    });
    expect(parsePdCommand("acknowledge #12")).toMatchObject({
      action: "ack",
      number: 12,
    });
    expect(parsePdCommand("resolve")).toEqual({
      kind: "incident",
      action: "resolve",
      number: null,
      note: "",
    });
    expect(parsePdCommand("note 1234 rolled back\nto v41")).toEqual({
      kind: "incident",
      action: "note",
      number: 1234,
      note: "rolled back\nto v41",
    });
    expect(parsePdCommand("note rolled back")).toEqual({
      kind: "incident",
      action: "note",
      number: null,
      note: "rolled back",
    });
  });

  it("keeps an unknown word to name it in the help", () => {
    expect(parsePdCommand("escalate 12")).toEqual({
      kind: "unknown",
      word: "escalate",
    });
  });
});
