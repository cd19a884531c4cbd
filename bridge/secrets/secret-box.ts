// Secrets the bridge keeps in its own database (workspaces' bot tokens, the PagerDuty webhook signing secret) are
// sealed with AES-256-GCM under a key derived from PAGERSLACK_ENCRYPTION_KEY: a copy of the database (a backup, a
// support bundle) holds no usable token. GCM's tag also makes a value sealed under another key, or edited, fail
// to open instead of yielding garbage.
import {
  createCipheriv,
  createDecipheriv,
  hkdfSync,
  randomBytes,
} from "node:crypto";

/** Sealed values start with their format version, so a later format can still open today's. */
const FORMAT = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Shortest accepted key: 32 characters (`openssl rand -hex 32` gives 64). */
export const MIN_ENCRYPTION_KEY_LENGTH = 32;

export interface SecretBox {
  seal(plaintext: string): string;
  /** The plaintext, or a SecretBoxError when the value was sealed under another key or altered. */
  open(sealed: string): string;
}

export class SecretBoxError extends Error {
  constructor(readonly reason: "wrong_key_or_altered" | "malformed") {
    super(
      reason === "malformed"
        ? "a sealed secret in the database is malformed"
        : "a sealed secret in the database does not open with PAGERSLACK_ENCRYPTION_KEY (another key sealed it, or it was altered)",
    );
    this.name = "SecretBoxError";
  }
}

/** `key`: PAGERSLACK_ENCRYPTION_KEY as configured (any text of at least 32 characters). */
export function createSecretBox(key: string): SecretBox {
  if (key.length < MIN_ENCRYPTION_KEY_LENGTH) {
    throw new RangeError(
      `the encryption key must be at least ${MIN_ENCRYPTION_KEY_LENGTH} characters`,
    );
  }
  // HKDF rather than the text itself: any key text yields a uniform 256-bit key, and the info string keeps
  // this use of the key apart from any other.
  const aesKey = Buffer.from(
    hkdfSync("sha256", key, "pagerslack", "secret-box v1", 32),
  );
  return {
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", aesKey, iv);
      const body = Buffer.concat([
        cipher.update(plaintext, "utf8"),
        cipher.final(),
      ]);
      return [
        FORMAT,
        iv.toString("base64url"),
        cipher.getAuthTag().toString("base64url"),
        body.toString("base64url"),
      ].join(":");
    },
    open(sealed) {
      const [format, iv, tag, body, extra] = sealed.split(":");
      if (
        format !== FORMAT || iv === undefined || tag === undefined ||
        body === undefined || extra !== undefined
      ) {
        throw new SecretBoxError("malformed");
      }
      const ivBytes = Buffer.from(iv, "base64url");
      const tagBytes = Buffer.from(tag, "base64url");
      if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
        throw new SecretBoxError("malformed");
      }
      try {
        const decipher = createDecipheriv("aes-256-gcm", aesKey, ivBytes);
        decipher.setAuthTag(tagBytes);
        return Buffer.concat([
          decipher.update(Buffer.from(body, "base64url")),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        throw new SecretBoxError("wrong_key_or_altered");
      }
    },
  };
}
