import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScryptHasher } from '../../functions/src/auth/passwords.js';
import { AccountStore } from '../../functions/src/store/AccountStore.js';
import { startTestDynamo, type TestDynamo } from '../support/dynamoLocal.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

let dynamo: TestDynamo;

beforeAll(async () => {
  dynamo = await startTestDynamo();
});

afterAll(async () => {
  await dynamo?.dispose();
});

/** `npm run users -- …` against the test's DynamoDB Local. */
function users(...args: string[]) {
  return spawnSync('npm', ['run', 'users', '--', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, TABLE_NAME: dynamo.tableName, DYNAMODB_ENDPOINT: dynamo.endpoint },
    encoding: 'utf8',
  });
}

describe('npm run users', () => {
  it('adds an account and prints its login and one-time password as one JSON line with --json', async () => {
    // Act
    const run = users('add', '王芳', '花桥街镇', '组长', '--json');

    // Assess
    expect(run.status, run.stderr).toBe(0);
    const line = run.stdout.split('\n').find((l) => l.startsWith('{'));
    const printed = JSON.parse(line ?? 'null') as { login: string; oneTimePassword: string };
    expect(Object.keys(printed)).toEqual(['login', 'oneTimePassword']);
    expect(printed.login).toBe('王芳');
    const account = await new AccountStore(dynamo.doc, dynamo.tableName).get('王芳');
    expect(account).toMatchObject({ town: '花桥街镇', role: '组长', state: 'must_change_password' });
    expect(await new ScryptHasher().verify(printed.oneTimePassword, account!.passwordHash!)).toBe(true);
  });

  it('resets, disables and lists accounts, and refuses an unknown role', async () => {
    // Prepare
    users('add', 'li-mishu', '白水镇', '秘书', '--name', '李四');

    // Act
    const reset = users('reset', 'li-mishu');
    const disabled = users('disable', 'li-mishu');
    const listed = users('list', '白水镇');
    const badRole = users('add', '赵六', '白水镇', '村长');

    // Assess
    expect(reset.stdout).toMatch(/已重置 li-mishu 的密码。一次性密码：[A-Za-z2-9]{12}/);
    expect(disabled.stdout).toContain('li-mishu：已停用（白水镇 秘书）');
    expect(listed.stdout).toMatch(/li-mishu\t李四\t白水镇\t秘书\tdisabled\t/);
    expect([badRole.status, badRole.stderr.trim()]).toEqual([2, '角色「村长」不存在，可选：秘书、组长、书记、镇长']);
    // Five npm/tsx start-ups: slow on a loaded machine.
  }, 240_000);
});
