// GET / and /login in-process, over both dialects: who sees what, that values are escaped and that no token or
// secret reaches the page.
import { describe, expect, it } from "vitest";
import {
  type TestDatabase,
  testDialects,
  useTestDatabase,
} from "../../test/support/test-databases.ts";
import {
  noSlack,
  silentLogger,
  TEST_API_TOKEN,
  TEST_SECRETS,
  testMetrics,
} from "../../test/support/bridge-test-support.ts";
import { SEEDED, seedStatusData } from "../../test/support/seed-status-data.ts";
import { createBridgeApp } from "../server.ts";
import { createSecretBox } from "../secrets/secret-box.ts";
import { createInstallationStore } from "../install/installation-store.ts";
import { createAdminSessions } from "./admin-session.ts";
import { collectStatus } from "./collect-status.ts";
import { createStatusDoctor } from "./status-doctor.ts";
import { createLoginRateLimit } from "./login-rate-limit.ts";

const dialects = await testDialects();
const box = createSecretBox("an-encryption-key-of-forty-characters!!");
const NOW = new Date("2026-12-02T10:00:00.000Z");

for (const { dialect, skip } of dialects) {
  describe.skipIf(skip)(`admin status page (${dialect})`, () => {
    let database!: TestDatabase;
    useTestDatabase(
      dialect,
      [
        "slack_installations",
        "bridge_settings",
        "connections",
        "webhook_inbox",
        "outbox",
        "delivery_blocks",
        "workflow_triggers",
      ],
      (d) => (database = d),
    );

    function app(
      {
        apiTokens = [TEST_API_TOKEN],
        sessions = createAdminSessions({ encryptionKey: null }),
        publicUrl = null,
      }: {
        apiTokens?: string[];
        sessions?: ReturnType<typeof createAdminSessions>;
        publicUrl?: string | null;
      } = {},
    ) {
      return createBridgeApp({
        db: database.db,
        isReady: database.isReady,
        slack: noSlack,
        metrics: testMetrics(),
        logger: silentLogger(),
        webhookSecrets: TEST_SECRETS,
        apiTokens,
        now: () => NOW,
        admin: {
          sessions,
          publicUrl,
          collect: () =>
            collectStatus({
              db: database.db,
              readiness: () => Promise.resolve({ ready: true }),
              installations: createInstallationStore(database.db, box),
              botWorkspace: () => null,
            }),
          doctor: createStatusDoctor({
            checks: [{
              name: "slack",
              run: () =>
                Promise.resolve({
                  name: "slack",
                  ok: false,
                  detail: "auth.test failed: invalid_auth",
                }),
            }, {
              name: "connected channels",
              run: () =>
                Promise.resolve({
                  name: "connected channels",
                  ok: false,
                  workspace: "T0GLOBEX",
                  detail: "the bot is not in C0GLOBEX",
                }),
            }],
          }),
          version: "9.9.9",
          startedAt: NOW,
          rateLimit: createLoginRateLimit({ maxFailures: 3 }),
        },
      });
    }
    const login = (
      a: ReturnType<typeof app>,
      token: string,
      headers: Record<string, string> = {},
    ) =>
      a.request("/login", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          ...headers,
        },
        body: new URLSearchParams({ token }).toString(),
      });
    const cookieOf = (response: Response) =>
      response.headers.get("set-cookie")!.split(";")[0]!;

    it("reads no more than the limit of a login body sent without Content-Length", async () => {
      let sent = 0;
      const chunk = new TextEncoder().encode("token=" + "a".repeat(1018));
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += chunk.byteLength;
          if (sent > 64 * 1024 * 1024) controller.close();
          else controller.enqueue(chunk);
        },
      });
      const response = await app().request("/login", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: endless,
        duplex: "half",
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(sent).toBeLessThan(64 * 1024);
    });

    it("parallel guesses cannot get past the limit, and bearer guesses on GET / count too", async () => {
      const a = app();
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => login(a, "guess")),
      );
      expect(answers.filter((r) => r.status === 401)).toHaveLength(3);
      expect(answers.filter((r) => r.status === 429)).toHaveLength(17);

      const b = app();
      const bearer = (token: string) =>
        b.request("/", { headers: { Authorization: `Bearer ${token}` } });
      for (let i = 0; i < 3; i++) {
        expect((await bearer("guess")).status).toBe(401);
      }
      const limited = await bearer(TEST_API_TOKEN);
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("900");
    });

    it("a session ends once its login token is removed from PAGERSLACK_API_TOKENS", async () => {
      const sessions = createAdminSessions({
        encryptionKey: "an-encryption-key-of-forty-characters!!",
      });
      const before = app({
        apiTokens: [TEST_API_TOKEN, "other-token"],
        sessions,
      });
      const withLeaked = cookieOf(await login(before, TEST_API_TOKEN));
      const withOther = cookieOf(await login(before, "other-token"));
      const after = app({ apiTokens: ["other-token"], sessions });
      const page = async (cookie: string) =>
        await (await after.request("/", { headers: { Cookie: cookie } }))
          .text();
      expect(await page(withLeaked)).toContain('action="/login"');
      expect(await page(withOther)).toContain("Log out");
    });

    it("refuses login and logout forms posted from another site", async () => {
      const a = app({ publicUrl: "https://bridge.example.com" });
      for (
        const headers of <Record<string, string>[]> [
          { "Sec-Fetch-Site": "cross-site" },
          { "Sec-Fetch-Site": "same-site" },
          { Origin: "https://evil.example" },
          { "Sec-Fetch-Site": "cross-site", Origin: "null" },
        ]
      ) {
        const refused = await login(a, TEST_API_TOKEN, headers);
        expect(refused.status).toBe(403);
        expect(refused.headers.get("set-cookie")).toBeNull();
        const logout = await a.request("/logout", { method: "POST", headers });
        expect(logout.status).toBe(403);
        expect(logout.headers.get("set-cookie")).toBeNull();
      }
      for (
        const headers of <Record<string, string>[]> [
          { "Sec-Fetch-Site": "same-origin", Origin: "http://localhost" },
          // What the page's own form sends under Referrer-Policy: no-referrer.
          { "Sec-Fetch-Site": "same-origin", Origin: "null" },
          { Origin: "https://bridge.example.com" },
          {},
        ]
      ) {
        expect((await login(a, TEST_API_TOKEN, headers)).status).toBe(303);
      }
    });

    it("shows the login form and no data without a session", async () => {
      await seedStatusData(database.db, box, NOW);
      const response = await app().request("/");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/html");
      const page = await response.text();
      expect(page).toContain(
        '<form class="login" method="post" action="/login">',
      );
      expect(page).not.toContain("Globex");
      expect(page).not.toContain(SEEDED.connectionChannel);
    });

    it("a script with an API token sees the page; a wrong token is a 401", async () => {
      await seedStatusData(database.db, box, NOW);
      const a = app();
      const wrong = await a.request("/", {
        headers: { Authorization: "Bearer nope" },
      });
      expect(wrong.status).toBe(401);
      const page = await (await a.request("/", {
        headers: { Authorization: `Bearer ${TEST_API_TOKEN}` },
      })).text();
      expect(page).toContain("Acme &lt;Ops&gt;");
      expect(page).not.toContain("Acme <Ops>");
      expect(page).toContain("Globex");
      expect(page).toContain(SEEDED.connectionService);
      expect(page).toContain("urgency high");
      expect(page).toContain("failed: could not apply &lt;b&gt;note&lt;/b&gt;");
      expect(page).toContain("parked: is_archived");
      expect(page).toContain("auth.test failed: invalid_auth");
      expect(page).toContain("version 9.9.9");

      for (
        const secret of [
          ...SEEDED.botTokens,
          SEEDED.webhookSecret,
          TEST_API_TOKEN,
          ...TEST_SECRETS,
        ]
      ) {
        expect(page).not.toContain(secret);
      }
    });

    it("groups the page by workspace: each shows its own connections, triggers, deliveries, problems and findings", async () => {
      await seedStatusData(database.db, box, NOW);
      const page = await (await app().request("/", {
        headers: { Authorization: `Bearer ${TEST_API_TOKEN}` },
      })).text();
      const section = (id: string) =>
        page.match(
          new RegExp(
            `<section class="workspace" id="${id}">[\\s\\S]*?</section>`,
          ),
        )?.[0] ?? "";
      const acme = section("workspace-T0ACME");
      const globex = section("workspace-T0GLOBEX");
      expect(acme).toContain("<h2>Acme &lt;Ops&gt; <code>T0ACME</code></h2>");
      expect(acme).toContain("<code>U0ADMIN</code>"); // installed by
      expect(acme).toContain(NOW.toISOString()); // installed at
      expect(acme).toContain(
        "sealed in the database; Slack has not refused it",
      );
      expect(acme).toContain(
        `incident-actions trigger registered ${NOW.toISOString()}`,
      );
      expect(acme).toContain(SEEDED.connectionChannel);
      expect(acme).toContain("parked: is_archived");
      expect(acme).toContain(
        `Slack refuses posting in ${SEEDED.parkedChannel} (is_archived): 1 cards and updates wait`,
      );
      expect(acme).toContain("failed: msg_too_long");
      expect(acme).toContain("no findings for this workspace");
      // Globex's problems are its own, and Acme shows none of them.
      expect(globex).toContain(
        "sealed in the database; Slack refused it (token_revoked)",
      );
      expect(globex).toContain(
        "Slack refused the bot token (token_revoked): 1 cards and updates wait",
      );
      expect(globex).toContain(
        "Slack refused the card buttons (chat.postMessage: invalid_blocks)",
      );
      expect(globex).toContain("no incident-actions trigger registered");
      expect(globex).toContain("the bot is not in C0GLOBEX");
      expect(globex).toContain("parked: token_revoked");
      expect(globex).not.toContain(SEEDED.connectionChannel);
      expect(acme).not.toContain("token_revoked");
      expect(acme).not.toContain("invalid_blocks");
      expect(acme).not.toContain("C0GLOBEX");
      // Account-wide: the inbox, and findings about no workspace.
      const doctor = page.match(/<section id="doctor">[\s\S]*?<\/section>/)![0];
      expect(doctor).toContain("auth.test failed: invalid_auth");
      expect(doctor).not.toContain("C0GLOBEX");
      expect(page).toContain('1 done, <span class="fail">1 set aside</span>');
      // The summary links each workspace to its section.
      expect(page).toContain('<a href="#workspace-T0GLOBEX">Globex</a>');
    });

    it("logs a browser in with a signed HttpOnly cookie, and limits failed attempts", async () => {
      const a = app();
      const refused = await login(a, "guess");
      expect(refused.status).toBe(401);
      expect(await refused.text()).toContain(
        "not one of PAGERSLACK_API_TOKENS",
      );
      const ok = await login(a, TEST_API_TOKEN);
      expect(ok.status).toBe(303);
      expect(ok.headers.get("location")).toBe("/");
      const cookie = ok.headers.get("set-cookie")!;
      expect(cookie).toMatch(
        /^pagerslack_admin=[^;]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/,
      );
      expect(cookie).not.toContain(TEST_API_TOKEN);
      const page = await (await a.request("/", {
        headers: { Cookie: cookie.split(";")[0]! },
      })).text();
      expect(page).toContain("Log out");
      const forged = await a.request("/", {
        headers: { Cookie: "pagerslack_admin=1.2.3" },
      });
      expect(await forged.text()).toContain('action="/login"');

      for (let i = 0; i < 3; i++) await login(a, "guess");
      const limited = await login(a, TEST_API_TOKEN);
      expect(limited.status).toBe(429);
      expect(await limited.text()).toContain("Too many failed attempts");
    });

    it("marks the cookie Secure behind a TLS-terminating proxy", async () => {
      const ok = await app().request("/login", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-Forwarded-Proto": "https",
        },
        body: new URLSearchParams({ token: TEST_API_TOKEN }).toString(),
      });
      expect(ok.headers.get("set-cookie")).toMatch(/; Secure/);
    });

    it("sends the page with a policy that allows no script or external asset", async () => {
      const response = await app().request("/login");
      expect(response.headers.get("content-security-policy")).toContain(
        "default-src 'none'",
      );
      const page = await response.text();
      expect(page).not.toMatch(/<script|<link|src=/i);
    });
  });
}
