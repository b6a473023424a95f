/**
 * The tracker's secrets. Two kinds, hashed differently on purpose:
 *
 * - Agency API keys are 32 random bytes (base64url): far too many to guess, so SHA-256 is
 *   enough, compared with crypto.timingSafeEqual. A key is sent as `<keyId>.<secret>`; the
 *   id finds the row, the secret is checked against its hash.
 * - Lookup codes are printed on a receipt and typed by a citizen: 8 characters of Crockford
 *   base 32 (40 bits). Short enough to guess offline if the database leaked, so they are
 *   stored as scrypt with a random salt per case; online guessing is stopped by the rate limit.
 */
import { createHash, randomBytes, randomInt, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// ---------- agency keys ----------

export interface NewAgencyKey {
  keyId: string;
  /** What the agency sends as `Authorization: Bearer <token>`; shown once, never stored. */
  token: string;
  hash: Buffer;
}

export function generateAgencyKey(): NewAgencyKey {
  const keyId = `k-${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  return { keyId, token: `${keyId}.${secret}`, hash: sha256(secret) };
}

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Splits `<keyId>.<secret>`; undefined when the token is not shaped like one of ours. */
export function parseAgencyToken(token: string): { keyId: string; secret: string } | undefined {
  const match = /^(k-[0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { keyId: match[1]!, secret: match[2]! } : undefined;
}

const DUMMY_KEY_HASH = sha256('no such key');

/** Checks a secret against a stored hash (or a dummy, so an unknown key id costs the same). */
export function agencySecretMatches(secret: string, storedHash: Buffer | undefined): boolean {
  const expected = storedHash && storedHash.length === 32 ? storedHash : DUMMY_KEY_HASH;
  const same = timingSafeEqual(sha256(secret), expected);
  return same && storedHash !== undefined;
}

// ---------- case numbers and lookup codes ----------

/** Crockford base 32: digits and letters without I, L, O, U (nothing to misread on a receipt). */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomCrockford(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CROCKFORD[randomInt(CROCKFORD.length)];
  return out;
}

/** `OS-2025-7K3M9QXD`: the year (Taiwan time) and 40 random bits, so numbers reveal no volumes. */
export function generateCaseNumber(now: Date): string {
  const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Taipei', year: 'numeric' }).format(now);
  return `OS-${year}-${randomCrockford(8)}`;
}

/** Case numbers are compared upper-case and trimmed (a receipt is typed by hand). */
export function normalizeCaseNumber(caseNumber: string): string {
  return caseNumber.trim().toUpperCase();
}

/** A new lookup code as printed: `XXXX-XXXX`. */
export function generateLookupCode(): string {
  const code = randomCrockford(8);
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What is hashed: upper case, no spaces or hyphen, O read as 0 and I, L as 1 (Crockford). */
export function normalizeLookupCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** scrypt cost: N = 2^14, r = 8, p = 1 (16 MiB, tens of milliseconds): slow offline, fine online. */
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, keylen, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash` (base64url), so the cost can be raised later without breaking old cases. */
export async function hashLookupCode(code: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(normalizeLookupCode(code), salt, SCRYPT.keylen, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

let dummyLookupHash: Promise<string> | undefined;
/** A hash of nothing anyone holds, checked when the case does not exist so both answers take as long. */
export function dummyLookupHashOnce(): Promise<string> {
  dummyLookupHash ??= hashLookupCode(randomBytes(16).toString('hex'));
  return dummyLookupHash;
}

/** Checks a typed code against a stored hash; false for a malformed hash, never throws on input. */
export async function lookupCodeMatches(code: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  const actual = await scrypt(normalizeLookupCode(code), salt, expected.length, { N, r, p });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
