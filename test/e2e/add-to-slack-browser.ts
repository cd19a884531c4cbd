// A browser going through "Add to Slack", played by fetch: open the bridge's /slack/install (keep its cookie),
// follow its Add to Slack link to the Slack simulator's consent page, answer the form as a person signed in to a
// workspace, and follow Slack's redirect back to the bridge with the cookie.

export interface InstallPage {
  status: number;
  /** `name=value` of the state cookie the page set. */
  cookie: string;
  /** The Add to Slack link's target: Slack's authorize URL. */
  authorizeUrl: string;
}

export interface RedirectAnswer {
  status: number;
  html: string;
}

/** GET /slack/install, as a browser that keeps the cookie. */
export async function openInstallPage(bridgeUrl: string): Promise<InstallPage> {
  const page = await fetch(`${bridgeUrl}/slack/install`);
  const html = await page.text();
  const cookie = page.headers.get("set-cookie")?.split(";")[0] ?? "";
  const href = /href="([^"]*authorize[^"]*)"/.exec(html)?.[1];
  if (page.status !== 200 || !href || !cookie) {
    throw new Error(
      `GET /slack/install answered ${page.status} without an Add to Slack link and a cookie: ${html}`,
    );
  }
  return {
    status: page.status,
    cookie,
    authorizeUrl: href.replaceAll("&#38;", "&").replaceAll("&amp;", "&"),
  };
}

/**
 * Slack's consent page: GET it, then submit its form (Allow or Cancel) as `userId`, signed in to `teamId` (Slack's
 * workspace switcher; the authorize URL names none). Returns where Slack sends the browser back.
 */
export async function answerConsent(
  authorizeUrl: string,
  { decision, userId, teamId }: {
    decision: "allow" | "deny";
    userId: string;
    teamId?: string;
  },
): Promise<string> {
  const consent = await fetch(authorizeUrl);
  const page = await consent.text();
  if (consent.status !== 200) {
    throw new Error(
      `Slack's authorize page answered ${consent.status}: ${page}`,
    );
  }
  const url = new URL(authorizeUrl);
  const form = new URLSearchParams(url.search);
  form.set("decision", decision);
  form.set("user", userId);
  if (teamId) form.set("team", teamId);
  const answered = await fetch(new URL("/oauth/v2/authorize", url.origin), {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  const location = answered.headers.get("location");
  if (answered.status !== 302 || !location) {
    throw new Error(
      `Slack's consent form answered ${answered.status}: ${await answered
        .text()}`,
    );
  }
  return location;
}

/** The browser arriving back at the bridge's /slack/oauth_redirect, with (or without) its cookie. */
export async function followRedirect(
  location: string,
  cookie?: string,
): Promise<RedirectAnswer> {
  const done = await fetch(location, {
    headers: cookie ? { cookie } : {},
    redirect: "manual",
  });
  return { status: done.status, html: await done.text() };
}

/** The whole flow, approving: install page → consent (Allow) → back to the bridge. */
export async function addToSlack(
  bridgeUrl: string,
  person: { userId: string; teamId?: string },
): Promise<RedirectAnswer & { code: string }> {
  const { cookie, authorizeUrl } = await openInstallPage(bridgeUrl);
  const location = await answerConsent(authorizeUrl, {
    decision: "allow",
    ...person,
  });
  const code = new URL(location).searchParams.get("code") ?? "";
  return { ...(await followRedirect(location, cookie)), code };
}
