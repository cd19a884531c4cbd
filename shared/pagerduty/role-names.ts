/** PagerDuty's API role names → the names its web UI shows (what people know their role as). */
export const ROLE_NAMES: Readonly<Record<string, string>> = {
  owner: "Account Owner",
  admin: "Admin",
  user: "Manager",
  limited_user: "Responder",
  observer: "Observer",
  restricted_access: "Restricted Access",
  read_only_user: "Stakeholder",
  read_only_limited_user: "Limited Stakeholder",
};
