import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountAdmin } from '../../functions/src/auth/accountAdmin.js';
import { AuthService, LOCKOUT } from '../../functions/src/auth/AuthService.js';
import { ScryptHasher, type PasswordHasher } from '../../functions/src/auth/passwords.js';
import { LocalTokenSigner } from '../../functions/src/auth/tokenSigner.js';
import { HttpError } from '../../functions/src/http/HttpError.js';
import { AccountStore } from '../../functions/src/store/AccountStore.js';
import { startTestDynamo, type TestDynamo } from '../support/dynamoLocal.js';

const TOWN = '花桥街镇';
const ISSUER = 'https://api.example.gov.cn';

/** The real scrypt hasher, counting the verifications that run through it. */
class CountingHasher implements PasswordHasher {
  readonly inner = new ScryptHasher();
  verifications = 0;

  hash(password: string): Promise<string> {
    return this.inner.hash(password);
  }

  verify(password: string, stored: string): Promise<boolean> {
    this.verifications += 1;
    return this.inner.verify(password, stored);
  }
}

let dynamo: TestDynamo;
let keyDir: string;
let hasher: CountingHasher;
let clock: Date;
let auth: AuthService;
let admin: AccountAdmin;

beforeAll(async () => {
  dynamo = await startTestDynamo();
  keyDir = mkdtempSync(join(tmpdir(), 'mubiao-signin-'));
  hasher = new CountingHasher();
  // In the future: DynamoDB Local deletes items whose TTL (expiresAt) lies in the real past.
  clock = new Date('2031-03-03T08:00:00Z');
  const accounts = new AccountStore(dynamo.doc, dynamo.tableName);
  const now = () => clock;
  auth = new AuthService({
    accounts,
    hasher,
    signer: await LocalTokenSigner.fromFile(join(keyDir, 'key.json')),
    issuer: ISSUER,
    audience: 'mubiao-kaohe',
    now,
  });
  admin = new AccountAdmin({ accounts, hasher, now });
});

afterAll(async () => {
  await dynamo?.dispose();
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
});

/** The refusal a sign-in answers, as status and body. */
async function refusal(attempt: Promise<unknown>): Promise<[number, Record<string, unknown>]> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof HttpError) return [error.statusCode, { code: error.code, message: error.message, ...error.details }];
    throw error;
  }
  throw new Error('the sign-in succeeded');
}

const create = async (login: string) =>
  (await admin.createAccount(TOWN, { login, role: '组长' }, { actor: 'test', sourceIp: null })).oneTimePassword;
const minutes = (n: number) => new Date(clock.getTime() + n * 60_000);

describe('AuthService lockout', () => {
  it('locks after 5 wrong passwords and refuses the correct one until the 15 minutes are over', async () => {
    // Prepare
    const password = await create('lock-1');

    // Act
    const wrong: number[] = [];
    for (let i = 0; i < LOCKOUT.maxFailures; i += 1) wrong.push((await refusal(auth.login('lock-1', `bad-${i}-pass`, '10.0.0.1')))[0]);
    const sixth = await refusal(auth.login('lock-1', password, '10.0.0.1'));
    clock = minutes(14);
    const stillLocked = await refusal(auth.login('lock-1', password, '10.0.0.1'));
    clock = minutes(1);
    const afterLock = await auth.login('lock-1', password, '10.0.0.1');

    // Assess
    expect(wrong).toEqual([401, 401, 401, 401, 423]);
    expect(sixth).toEqual([423, { code: 'account_locked', message: '密码连续输错 5 次，账号已锁定，请 15 分钟后再试。', minutesLeft: 15 }]);
    expect(stillLocked[1].minutesLeft).toBe(1);
    expect(afterLock.user.login).toBe('lock-1');
  });

  it('starts the count anew after a successful sign-in', async () => {
    // Prepare
    const password = await create('reset-count');
    for (let i = 0; i < 4; i += 1) await refusal(auth.login('reset-count', `bad-${i}-pass`, null));

    // Act
    await auth.login('reset-count', password, null);
    const next = await refusal(auth.login('reset-count', 'bad-again-1', null));

    // Assess
    expect(next).toEqual([401, expect.objectContaining({ code: 'invalid_credentials', attemptsLeft: 4 })]);
  });
});

describe('AuthService unknown login names', () => {
  it('answer like a wrong password after the same hash work, lockout included', async () => {
    // Prepare
    await create('known-1');
    const answers: { known: [number, Record<string, unknown>][]; unknown: [number, Record<string, unknown>][] } = { known: [], unknown: [] };
    const work = { known: 0, unknown: 0 };

    // Act
    for (let i = 0; i < 6; i += 1) {
      for (const [kind, login] of [['known', 'known-1'], ['unknown', 'nobody-1']] as const) {
        const before = hasher.verifications;
        answers[kind].push(await refusal(auth.login(login, `bad-${i}-pass`, null)));
        work[kind] += hasher.verifications - before;
      }
    }

    // Assess
    expect(answers.unknown).toEqual(answers.known);
    expect(answers.unknown.map(([status]) => status)).toEqual([401, 401, 401, 401, 423, 423]);
    // Five verifications each: the sixth attempt is refused by the lock before any hashing.
    expect(work).toEqual({ known: 5, unknown: 5 });
  });
});
