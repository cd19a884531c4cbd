import { describe, expect, it } from "../../test/slack-app/bdd.ts";
import { createBridgeClient } from "./bridge-client.ts";

describe("bridge client", () => {
  it("gives up on a bridge that accepts the connection but never answers", async () => {
    let aborted = false;
    const bridge = createBridgeClient({
      baseUrl: "https://bridge.example.com",
      token: "t",
      timeoutMs: 30,
      // Like a hung server: the request only ends when its signal aborts it.
      fetch: (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => {
            aborted = true;
            reject(init.signal!.reason);
          });
        }),
    });
    const answer = await bridge.listWorkflowTriggers();
    expect(aborted).toBe(true);
    expect(answer).toEqual({
      ok: false,
      failure: { kind: "unreachable", cause: "no answer within 30 ms" },
    });
  });
});
