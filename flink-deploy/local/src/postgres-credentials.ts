import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";

/**
 * A new password: 32 characters of URL-safe base64 (192 random bits). Nothing in it needs
 * escaping in a URL, in SQL or in SCRAM's SASLprep.
 */
export function generatePassword(): string {
  return randomBytes(24).toString("base64url");
}

/** PostgreSQL's own default for `scram_iterations`. */
const SCRAM_ITERATIONS = 4096;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802 and 7677, in the
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` form of pg_authid). Giving the
 * server the verifier instead of the password keeps the password out of every statement, and so
 * out of the server's log even when a statement fails.
 */
export function scramSha256Verifier(password: string): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, SCRAM_ITERATIONS, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  const b64 = (b: Buffer) => b.toString("base64");
  return `SCRAM-SHA-256$${SCRAM_ITERATIONS}:${b64(salt)}$${b64(storedKey)}:${b64(serverKey)}`;
}

/** The password kept in `file`, or undefined before the first `up` created it. */
export function readPasswordFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** Writes a new password readable by its owner only; refuses to replace an existing one. */
export async function createPasswordFile(file: string): Promise<string> {
  const password = generatePassword();
  await fsp.writeFile(file, `${password}\n`, { mode: 0o600, flag: "wx" });
  return password;
}
