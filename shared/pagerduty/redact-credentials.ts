// Foreign error messages are shown verbatim (PagerDuty's `errors[]` say what to fix), but they may echo what we
// sent: an Authorization header, a key pasted into a filter, a webhook URL with a token in it. Everything that
// looks like a credential is replaced before such a message reaches a log line or an operator's terminal.
//
// Emails are kept on purpose: they are not credentials, the bridge sends PagerDuty's users' emails to Slack
// anyway (mentions), and an error like "no user with email ops@example.com" is useless without it.

export const REDACTED = "[redacted]";

/** Each pattern and what replaces it; `$1` keeps the label so the reader still sees what was there. */
const CREDENTIAL_PATTERNS: readonly { pattern: RegExp; replacement: string }[] =
  [
    // PagerDuty's API-key scheme and OAuth / Slack bearer tokens, with or without quotes.
    {
      pattern: /(Token\s+token\s*=\s*)"?[^\s",;)]+"?/gi,
      replacement: `$1${REDACTED}`,
    },
    { pattern: /(Bearer\s+)[^\s",;)]+/gi, replacement: `$1${REDACTED}` },
    { pattern: /(Basic\s+)[A-Za-z0-9+/=]{8,}/g, replacement: `$1${REDACTED}` },
    // Slack tokens (bot, user, app-level, refresh, configuration).
    {
      pattern: /\bxox[abeoprs]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+/g,
      replacement: REDACTED,
    },
    // Slack incoming-webhook URLs are credentials in themselves.
    {
      pattern: /(hooks\.slack\.com\/)[^\s"']+/g,
      replacement: `$1${REDACTED}`,
    },
    // user:password@ in URLs (postgres://…, https://…).
    {
      pattern: /([a-z][a-z0-9+.-]*:\/\/[^\s:/@"']+:)[^\s@/"']+@/gi,
      replacement: `$1${REDACTED}@`,
    },
    // key=value / "key": "value" where the key names a secret.
    {
      pattern:
        /((?:api[_-]?key|token|secret|password|passwd|signature|authorization)["']?\s*[:=]\s*["']?)[^\s"',;&)]+/gi,
      replacement: `$1${REDACTED}`,
    },
    // JSON Web Tokens.
    {
      pattern: /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
      replacement: REDACTED,
    },
    // Long hex (HMAC signatures, hex-encoded secrets).
    { pattern: /\b[0-9a-fA-F]{32,}\b/g, replacement: REDACTED },
    // Long base64 / base64url / PagerDuty-key-like runs mixing letters and digits (20+ characters). Words,
    // PagerDuty ids (7 characters) and paths (no digits, or split by `/` and `.`) do not match.
    {
      pattern:
        /(?<![A-Za-z0-9+_=-])(?=[A-Za-z0-9+_=-]*[0-9])(?=[A-Za-z0-9+_=-]*[A-Za-z])[A-Za-z0-9+_-]{20,}={0,2}(?![A-Za-z0-9+_=-])/g,
      replacement: REDACTED,
    },
  ];

/** `text` with everything that looks like a credential replaced by `[redacted]`. */
export function redactCredentials(text: string): string {
  return CREDENTIAL_PATTERNS.reduce(
    (out, { pattern, replacement }) => out.replace(pattern, replacement),
    text,
  );
}
