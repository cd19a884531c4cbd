// Slack's authorize page lives beside its Web API: https://slack.com/api/ → https://slack.com/oauth/v2/authorize.
// Deriving it from SLACK_API_URL's origin keeps one setting for both, and sends the browser to the simulator's
// authorize page when SLACK_API_URL points at the simulator (`http://127.0.0.1:<port>/api/`).
// https://docs.slack.dev/authentication/installing-with-oauth ("Asking for scopes")

export function slackAuthorizeUrl(
  slackApiUrl: string,
  params: {
    clientId: string;
    scopes: readonly string[];
    redirectUri: string;
    state: string;
    team?: string | undefined;
  },
): string {
  const url = new URL("/oauth/v2/authorize", new URL(slackApiUrl).origin);
  url.searchParams.set("client_id", params.clientId);
  url.searchParams.set("scope", params.scopes.join(","));
  url.searchParams.set("redirect_uri", params.redirectUri);
  url.searchParams.set("state", params.state);
  if (params.team) url.searchParams.set("team", params.team);
  return url.toString();
}
