import { execFile } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { PAGERDUTY_OAUTH_SCOPES } from "../slack-app/pagerduty/pagerduty-operations.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const run = promisify(execFile);

interface ManifestJson {
  icon?: string;
  oauth_config: { scopes: { bot: string[] } };
  functions: Record<string, { source_file?: string }>;
  workflows: Record<
    string,
    {
      input_parameters?: {
        properties: Record<string, unknown>;
        required?: string[];
      };
      steps: { function_id: string }[];
    }
  >;
  datastores: Record<string, Record<string, unknown>>;
  external_auth_providers: {
    oauth2: Record<
      string,
      { provider_type: string; options: Record<string, unknown> }
    >;
  };
  outgoing_domains: string[];
}

/** `npm run manifest`, as a user runs it, with the bridge host configured. */
async function buildManifest(
  env: Record<string, string>,
): Promise<ManifestJson> {
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", "scripts/manifest.ts"],
    {
      cwd: root,
      env: {
        ...process.env,
        PAGERDUTY_OAUTH_CLIENT_ID: "pd-oauth-client-id",
        ...env,
      },
    },
  );
  return JSON.parse(stdout) as ManifestJson;
}

let manifest: ManifestJson;
beforeAll(async () => {
  manifest = await buildManifest({
    BRIDGE_URL: "https://bridge.example.org/",
    PAGERDUTY_API_URL: "",
  });
});

const folders = (dir: string) =>
  readdirSync(new URL(`../${dir}`, import.meta.url), { withFileTypes: true });

describe("npm run manifest", () => {
  it("registers every function folder, each with a source_file that exists", () => {
    const functionDirs = folders("slack-app/functions")
      .filter((d) => d.isDirectory()).map((d) => d.name);
    const sourceFiles = Object.values(manifest.functions).map((f) =>
      f.source_file
    );
    expect(functionDirs.length).toBeGreaterThan(0);
    for (const dir of functionDirs) {
      expect(sourceFiles).toContain(`slack-app/functions/${dir}/mod.ts`);
    }
    for (const file of sourceFiles) {
      expect(existsSync(`${root}${file}`), `${file} exists`).toBe(true);
    }
  });

  it("registers the workflow of every workflow module, and each uses registered functions", () => {
    const declared = folders("slack-app/workflows")
      .filter((d) => d.name.endsWith("-workflow.ts"))
      .map((d) =>
        /callback_id: "([a-z_]+)"/.exec(
          readFileSync(`${root}slack-app/workflows/${d.name}`, "utf8"),
        )?.[1]
      );
    expect(declared.length).toBeGreaterThan(0);
    expect(Object.keys(manifest.workflows).sort()).toEqual(declared.sort());
    for (const workflow of Object.values(manifest.workflows)) {
      for (const step of workflow.steps) {
        const id = step.function_id.replace("#/functions/", "");
        if (step.function_id.startsWith("#/functions/")) {
          expect(Object.keys(manifest.functions)).toContain(id);
        }
      }
    }
  });

  it("has a trigger definition for every workflow, naming only its inputs and filling the required ones", async () => {
    const triggerFiles = folders("slack-app/triggers")
      .filter((d) => d.name.endsWith("-trigger.ts")).map((d) => d.name);
    const triggered = new Set<string>();
    for (const file of triggerFiles) {
      const { default: trigger } = await import(
        `../slack-app/triggers/${file}`
      ) as {
        default: {
          type: string;
          workflow: string;
          inputs?: Record<string, { value?: string; customizable?: boolean }>;
        };
      };
      expect(trigger.type, file).toBe("shortcut");
      const id = trigger.workflow.replace("#/workflows/", "");
      const workflow = manifest.workflows[id];
      expect(workflow, `${file} → ${id}`).toBeDefined();
      triggered.add(id);
      const declared = Object.keys(
        workflow?.input_parameters?.properties ?? {},
      );
      for (const name of Object.keys(trigger.inputs ?? {})) {
        expect(declared, `${file} input ${name}`).toContain(name);
      }
      for (const name of workflow?.input_parameters?.required ?? []) {
        expect(Object.keys(trigger.inputs ?? {}), `${file} fills ${name}`)
          .toContain(name);
      }
    }
    expect([...triggered].sort()).toEqual(
      Object.keys(manifest.workflows).sort(),
    );
  });

  it("declares the user_links datastore", () => {
    expect(manifest.datastores.user_links).toMatchObject({
      primary_key: "slack_user_id",
      attributes: {
        slack_user_id: { type: "slack#/types/user_id" },
        pagerduty_user_id: { type: "string" },
        pagerduty_email: { type: "string" },
        linked_at: { type: "slack#/types/timestamp" },
      },
    });
  });

  it("declares PagerDuty as a PKCE OAuth provider with read/write incident scopes", () => {
    const pd = manifest.external_auth_providers.oauth2.pagerduty;
    expect(pd?.provider_type).toBe("CUSTOM");
    expect(pd?.options).toMatchObject({
      authorization_url: "https://identity.pagerduty.com/oauth/authorize",
      token_url: "https://identity.pagerduty.com/oauth/token",
      use_pkce: true,
    });
    // Exactly the scopes of the operations the functions call (test/specs/pagerduty-operations.test.ts).
    expect(pd?.options.scope).toEqual([...PAGERDUTY_OAUTH_SCOPES]);
    expect(pd?.options.scope).toContain("teams.read");
  });

  it("follows PAGERDUTY_REGION=eu for OAuth, the identity URL and the outgoing domains", async () => {
    const eu = await buildManifest({
      BRIDGE_URL: "https://bridge.example.org",
      PAGERDUTY_REGION: "eu",
    });
    expect(eu.external_auth_providers.oauth2.pagerduty?.options).toMatchObject({
      authorization_url: "https://identity.eu.pagerduty.com/oauth/authorize",
      token_url: "https://identity.eu.pagerduty.com/oauth/token",
      identity_config: { url: "https://api.eu.pagerduty.com/users/me" },
    });
    expect(eu.outgoing_domains).toEqual([
      "api.eu.pagerduty.com",
      "bridge.example.org",
    ]);
  });

  it("refuses to build a manifest whose region and API URL disagree, saying which and how to fix it", async () => {
    const failed = await buildManifest({
      BRIDGE_URL: "https://bridge.example.org",
      PAGERDUTY_REGION: "eu",
      PAGERDUTY_API_URL: "https://api.pagerduty.com",
    }).then(() => "built", (error: { stderr?: string }) => error.stderr ?? "");
    expect(failed).toContain(
      "PAGERDUTY_API_URL=https://api.pagerduty.com is PagerDuty's US API, but PAGERDUTY_REGION is eu",
    );
  });

  it("asks for least-privilege bot scopes only", () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      "bookmarks:read",
      "bookmarks:write",
      "chat:write",
      "datastore:read",
      "datastore:write",
      "triggers:read",
      "triggers:write",
      "users:read",
      "users:read.email",
    ]);
  });

  it("uses PAGERDUTY_OAUTH_CLIENT_ID as the PagerDuty OAuth client id (no source edit to deploy)", () => {
    expect(manifest.external_auth_providers.oauth2.pagerduty?.options.client_id)
      .toBe("pd-oauth-client-id");
  });

  it("stops with one clear sentence per missing deploy setting (client id, BRIDGE_URL)", async () => {
    const failed = await buildManifest({
      BRIDGE_URL: "",
      PAGERDUTY_OAUTH_CLIENT_ID: " ",
    }).then(() => "built", (error: { stderr?: string }) => error.stderr ?? "");
    expect(failed).toContain("DeployConfigError");
    expect(failed).toContain(
      "PAGERDUTY_OAUTH_CLIENT_ID is not set: register an OAuth app in PagerDuty",
    );
    expect(failed).toContain("BRIDGE_URL is not set:");
    const onlyBridge = await buildManifest({ BRIDGE_URL: "" }).then(
      () => "built",
      (error: { stderr?: string }) => error.stderr ?? "",
    );
    expect(onlyBridge).toContain("BRIDGE_URL is not set:");
    expect(onlyBridge).not.toContain("PAGERDUTY_OAUTH_CLIENT_ID");
  });

  it("allows outgoing calls to PagerDuty and the configured bridge host only", async () => {
    expect(manifest.outgoing_domains.sort()).toEqual([
      "api.pagerduty.com",
      "bridge.example.org",
    ]);
    const eu = await buildManifest({
      BRIDGE_URL: "https://bridge.example.org",
      PAGERDUTY_API_URL: "https://api.eu.pagerduty.com",
    });
    expect(eu.outgoing_domains).toEqual([
      "api.eu.pagerduty.com",
      "bridge.example.org",
    ]);
  });

  it("validates against Slack's manifest JSON schema (with its documented exceptions)", () => {
    const schema = JSON.parse(
      readFileSync(
        `${root}test/specs/slack-manifest.schema.2.0.0.json`,
        "utf8",
      ),
    );
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const candidate = structuredClone(manifest);
    // The Slack CLI reads these (`icon`, functions' `source_file`); Slack's published schema does not list them.
    delete candidate.icon;
    for (const f of Object.values(candidate.functions)) delete f.source_file;
    for (const d of Object.values(candidate.datastores)) {
      delete d.time_to_live_attribute;
    }
    const valid = validate(candidate);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("the schema check is not vacuous: it rejects a manifest Slack would reject", () => {
    const schema = JSON.parse(
      readFileSync(
        `${root}test/specs/slack-manifest.schema.2.0.0.json`,
        "utf8",
      ),
    );
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const broken = structuredClone(manifest) as unknown as Record<
      string,
      unknown
    >;
    delete broken.icon;
    delete broken.display_information;
    expect(validate(broken)).toBe(false);
  });

  it("deno check rejects a trigger definition naming an input its workflow does not declare", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pagerslack-trigger-"));
    try {
      const file = join(dir, "misspelled-trigger.ts");
      writeFileSync(
        file,
        `import type { Trigger } from "deno-slack-sdk/types.ts";
import { LinkAccountWorkflow } from "${root}slack-app/workflows/link-account-workflow.ts";
const trigger: Trigger<typeof LinkAccountWorkflow.definition> = {
  type: "shortcut",
  name: "misspelled",
  workflow: "#/workflows/link_account_workflow",
  inputs: { user_id: { value: "{{data.user_id}}" }, chanel_id: { value: "{{data.channel_id}}" } },
};
export default trigger;
`,
      );
      const failure = await run(
        `${root}node_modules/.bin/deno`,
        ["check", "--config", `${root}deno.local.jsonc`, file],
        { cwd: root },
      ).then(() => undefined, (error: { stderr: string }) => error);
      expect(failure?.stderr).toContain("'chanel_id' does not exist");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
