import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import {
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";
import { createSecretBox, SecretBoxError } from "../secrets/secret-box.ts";
import { createInstallationStore } from "./installation-store.ts";

const dialects = await testDialects();
const KEY = "an-encryption-key-of-forty-characters!!";
const T0 = new Date("2026-12-01T10:00:00.000Z");
const T1 = new Date("2026-12-02T10:00:00.000Z");

const acme = {
  teamId: "T0ACME",
  teamName: "Acme",
  enterpriseId: null,
  appId: "A0BRIDGE",
  botUserId: "U0BOT",
  botToken: "xoxb-acme-secret",
  scopes: ["chat:write", "commands"],
  installedBy: "U0ADMIN",
};

for (const { dialect, skip } of dialects) {
  describe.skipIf(skip)(`installation store (${dialect})`, () => {
    let database!: TestDatabase;
    useTestDatabase(dialect, ["slack_installations"], (d) => (database = d));

    it("keeps a workspace's token sealed at rest and hands it back opened", async () => {
      const store = createInstallationStore(database.db, createSecretBox(KEY));
      expect(await store.save(acme, T0)).toBe(true);
      const rows = await sql<
        { bot_token_sealed: string }
      >`select bot_token_sealed from slack_installations`
        .execute(database.db);
      expect(rows.rows[0]!.bot_token_sealed).not.toContain("xoxb");
      expect(await store.find("T0ACME")).toEqual({
        ...acme,
        installedAt: T0.toISOString(),
        updatedAt: T0.toISOString(),
      });
      expect(await store.find("T0OTHER")).toBeNull();
    });

    it("a reinstall replaces the token and keeps when it was first installed", async () => {
      const store = createInstallationStore(database.db, createSecretBox(KEY));
      await store.save(acme, T0);
      expect(
        await store.save({
          ...acme,
          botToken: "xoxb-new",
          scopes: ["chat:write"],
        }, T1),
      ).toBe(false);
      expect(await store.find("T0ACME")).toMatchObject({
        botToken: "xoxb-new",
        scopes: ["chat:write"],
        installedAt: T0.toISOString(),
        updatedAt: T1.toISOString(),
      });
    });

    it("lists workspaces without their tokens, and deletes one", async () => {
      const store = createInstallationStore(database.db, createSecretBox(KEY));
      await store.save(acme, T0);
      await store.save(
        { ...acme, teamId: "T0BETA", teamName: "Beta", botToken: "xoxb-beta" },
        T0,
      );
      const listed = await store.list();
      expect(listed.map((i) => i.teamName)).toEqual(["Acme", "Beta"]);
      expect(JSON.stringify(listed)).not.toContain("xoxb");
      expect(await store.delete("T0ACME")).toBe(true);
      expect(await store.delete("T0ACME")).toBe(false);
      expect((await store.list()).map((i) => i.teamId)).toEqual(["T0BETA"]);
    });

    it("a token sealed under another key does not open (a clear error, not garbage)", async () => {
      await createInstallationStore(database.db, createSecretBox(KEY)).save(
        acme,
        T0,
      );
      const other = createInstallationStore(
        database.db,
        createSecretBox("another-key-that-is-long-enough-to-use!"),
      );
      await expect(other.find("T0ACME")).rejects.toThrow(SecretBoxError);
    });
  });
}
