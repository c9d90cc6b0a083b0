/**
 * Password hashing (scrypt from node:crypto, per-account salt), the password rules and one-time
 * passwords. Nothing here logs or keeps a password.
 */
import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** The cost parameters of new hashes (docs/identity.md): 32 MiB of memory per hash. */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

/** The seam through which every hash and verification runs (tests count the work through it). */
export interface PasswordHasher {
  /** `scrypt$N$r$p$salt$hash` for a new password. */
  hash(password: string): Promise<string>;
  /** Whether `password` matches `stored`; does the full hash work also when `stored` is malformed. */
  verify(password: string, stored: string): Promise<boolean>;
}

function scryptAsync(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, HASH_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

const b64 = (bytes: Buffer): string => bytes.toString('base64url');

/** scrypt with {@link SCRYPT_PARAMS} for new hashes and the stored parameters for old ones. */
export class ScryptHasher implements PasswordHasher {
  constructor(private readonly params: { N: number; r: number; p: number } = SCRYPT_PARAMS) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await scryptAsync(password, salt, this.params);
    return ['scrypt', this.params.N, this.params.r, this.params.p, b64(salt), b64(key)].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parseHash(stored);
    // A malformed hash still costs one hash of the current parameters, so it answers in the same time.
    const key = await scryptAsync(password, parsed?.salt ?? randomBytes(SALT_BYTES), parsed?.params ?? this.params);
    return parsed !== null && parsed.key.length === key.length && timingSafeEqual(parsed.key, key);
  }
}

function parseHash(stored: string): { params: { N: number; r: number; p: number }; salt: Buffer; key: Buffer } | null {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((v) => Number.isSafeInteger(v) && v > 0)) return null;
  return { params, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

/** Letters and digits without look-alikes (0/O, 1/l/I). */
const ONE_TIME_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const ONE_TIME_LENGTH = 12;

/** A random one-time password that also satisfies {@link passwordProblem} (a letter and a digit). */
export function generateOneTimePassword(): string {
  for (;;) {
    let password = '';
    for (let i = 0; i < ONE_TIME_LENGTH; i += 1) password += ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)];
    if (/[a-z]/i.test(password) && /\d/.test(password)) return password;
  }
}

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;

/** Why a new password is refused (Chinese), or null when it is acceptable. */
export function passwordProblem(password: string, login: string, current?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `新密码至少 ${PASSWORD_MIN_LENGTH} 个字符。`;
  if (length > PASSWORD_MAX_LENGTH) return `新密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符。`;
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return '新密码须同时包含字母和数字。';
  if (password.trim().toLowerCase() === login.toLowerCase()) return '新密码不能与登录名相同。';
  if (current !== undefined && password === current) return '新密码不能与当前密码相同。';
  return null;
}

/**
 * A hash no password matches, with the current cost parameters: verifying against it costs the same
 * work as against a real one (an unknown login name answers like a wrong password).
 */
export function unmatchableHash(params: { N: number; r: number; p: number } = SCRYPT_PARAMS): string {
  return ['scrypt', params.N, params.r, params.p, b64(randomBytes(SALT_BYTES)), b64(randomBytes(HASH_BYTES))].join('$');
}
