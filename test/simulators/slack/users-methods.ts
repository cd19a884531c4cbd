import { botIdFor } from "./chat-methods.ts";
import type { MethodHandler } from "./method-handler.ts";
import { SlackMethodError } from "./slack-method-error.ts";
import type { SimToken, SimUser } from "./slack-workspace.ts";

/** The email is part of the profile only for tokens holding users:read.email, as in Slack. */
function userObject(user: SimUser, auth: SimToken, teamId: string) {
  const profile: Record<string, unknown> = {
    real_name: user.name,
    display_name: user.name,
  };
  if (user.email && auth.scopes.includes("users:read.email")) {
    profile.email = user.email;
  }
  return {
    id: user.id,
    team_id: teamId,
    name: user.name,
    real_name: user.name,
    deleted: false,
    is_admin: user.isAdmin,
    is_owner: false,
    is_bot: user.isBot,
    profile,
  };
}

export const USERS_METHODS: Readonly<Record<string, MethodHandler>> = {
  "users.info": (ctx) => {
    const id = ctx.args.string("user");
    const user = id ? ctx.ws.users.get(id) : undefined;
    if (!user) throw new SlackMethodError("user_not_found");
    return { ok: true, user: userObject(user, ctx.auth, ctx.ws.teamId) };
  },
  "users.lookupByEmail": (ctx) => {
    const email = ctx.args.string("email");
    const user = email ? ctx.ws.userByEmail(email) : undefined;
    if (!user) throw new SlackMethodError("users_not_found");
    return { ok: true, user: userObject(user, ctx.auth, ctx.ws.teamId) };
  },
  "auth.test": (ctx) => {
    const user = ctx.ws.users.get(ctx.auth.userId);
    return {
      ok: true,
      url: `https://${ctx.ws.teamDomain}.slack.com/`,
      team: ctx.ws.teamName,
      user: user?.name ?? ctx.auth.userId,
      team_id: ctx.ws.teamId,
      user_id: ctx.auth.userId,
      ...(ctx.auth.kind === "user" ? {} : { bot_id: botIdFor(ctx.auth.appId) }),
      app_id: ctx.auth.appId,
      is_enterprise_install: false,
    };
  },
};
