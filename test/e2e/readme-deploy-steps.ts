// The README's "Deploying" list as data, so the e2e test that follows it breaks when the list changes: how many
// steps, what each says, and the commands, paths and variables they name.
import { readFileSync } from "node:fs";

const ROOT = new URL("../../", import.meta.url);

export interface DeployStep {
  number: number;
  /** The item's text, its code blocks included. */
  text: string;
}

/** The numbered list of README.md's "## Deploying" section (items and their indented continuation lines). */
export function readmeDeploySteps(
  readme = readFileSync(new URL("README.md", ROOT), "utf8"),
): DeployStep[] {
  const start = readme.indexOf("\n## Deploying\n");
  if (start < 0) throw new Error('README.md has no "## Deploying" section');
  const lines = readme.slice(start + 1).split("\n").slice(1);
  const steps: DeployStep[] = [];
  let started = false;
  for (const line of lines) {
    if (line.startsWith("#")) break;
    const item = /^(\d+)\. (.*)$/.exec(line);
    if (item) {
      started = true;
      steps.push({ number: Number(item[1]), text: item[2]! });
      continue;
    }
    if (!started) continue;
    // The list ends at the first line that is neither blank nor indented under an item.
    if (line.trim() !== "" && !/^\s/.test(line)) break;
    steps[steps.length - 1]!.text += `\n${line}`;
  }
  return steps;
}

/** Every `npm run <script>` a step names. */
export function npmScripts(text: string): string[] {
  return [...text.matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => m[1]!);
}

/** The `-e NAME=…` variables of a step's `docker run`. */
export function dockerRunVariables(text: string): string[] {
  if (!/docker run /.test(text)) return [];
  return [...text.matchAll(/-e ([A-Z][A-Z0-9_]*)=/g)].map((m) => m[1]!);
}

/** The `KEY=value` lines a step's config file is said to hold (`NAME=` inside backticks). */
export function configFileKeys(text: string): string[] {
  return [...text.matchAll(/`([A-Z][A-Z0-9_]*)=/g)].map((m) => m[1]!);
}

/** Relative links a step makes to files of the repository (`[x](path)` without a scheme). */
export function linkedFiles(text: string): string[] {
  return [...text.matchAll(/\]\(([^)#:\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!);
}

/** The bridge paths a step opens (`https://…/slack/install`). */
export function bridgePaths(text: string): string[] {
  return [
    ...text.matchAll(/https:\/\/pagerslack-bridge\.example\.com(\/[\w/]+)/g),
  ].map((m) => m[1]!);
}

/** `/pd <sub-command>` a step tells people to type. */
export function slashCommands(text: string): string[] {
  return [...text.matchAll(/`\/pd ([a-z]+)`/g)].map((m) => m[1]!);
}
