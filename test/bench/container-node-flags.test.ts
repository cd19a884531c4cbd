import { describe, expect, it } from "vitest";
import { containerNodeFlags } from "./container-node-flags.ts";

describe("containerNodeFlags", () => {
  it("reads the flags the repository's Dockerfile starts the bridge with", () => {
    expect(containerNodeFlags()).toEqual(["--max-semi-space-size=4"]);
  });

  it("takes the last CMD, and a CMD without flags has none", () => {
    expect(
      containerNodeFlags(
        'CMD ["node", "--jitless", "dist/bridge/main.js"]\nCMD ["node", "dist/bridge/main.js"]\n',
      ),
    ).toEqual([]);
  });

  it("refuses what it could not start the same way", () => {
    expect(() => containerNodeFlags("FROM node:20\n")).toThrow(/no CMD/);
    expect(() => containerNodeFlags("CMD node dist/bridge/main.js\n")).toThrow(
      /exec form/,
    );
    expect(() => containerNodeFlags('CMD ["node", "other.js"]\n')).toThrow(
      /does not run node/,
    );
  });
});
