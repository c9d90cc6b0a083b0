/**
 * `npm run users -- <command>`: the service's accounts from a shell (docs/identity.md).
 *
 *   add <login> <乡镇> <角色> [--name 姓名] [--json]   create an account; prints its one-time password
 *                                                     (--json: {"login":…,"oneTimePassword":…})
 *   add <oid> <乡镇> <角色> --entra                    register a Microsoft Entra ID user (identity=entra)
 *   reset <login>                                     a new one-time password
 *   disable <login> / enable <login>
 *   list [乡镇]
 *
 * Against, in this order: DYNAMODB_ENDPOINT + TABLE_NAME (a DynamoDB Local), the DynamoDB of a
 * running `npm start`, TABLE_NAME alone (the deployed table, with the shell's AWS credentials), or
 * a DynamoDB Local started on .data/ for the duration of the command.
 */
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AccountAdmin } from '../functions/src/auth/accountAdmin.js';
import { ScryptHasher } from '../functions/src/auth/passwords.js';
import { ROLES, isRole } from '../functions/src/auth/roles.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../functions/src/server/dynamoDbLocal.js';
import { readLocalStackInfo } from '../functions/src/server/localStackInfo.js';
import { AccountStore } from '../functions/src/store/AccountStore.js';
import { createDocumentClient, type StoreConfig } from '../functions/src/store/dynamoClient.js';
import { ensureTable } from '../functions/src/store/tableSchema.js';
import { UserStore } from '../functions/src/store/UserStore.js';

// Node 20 is supported here; the SDK's notice about its future Node 22 minimum is noise in a CLI
// (clients read this when they are created, after the imports).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const DATA_DIR = resolve(import.meta.dirname, '..', '.data');
const LOCAL_TABLE = 'mubiao-kaohe';
const USAGE = `用法：
  npm run users -- add <登录名> <乡镇> <角色> [--name 姓名] [--json]   角色：${ROLES.join('、')}
  npm run users -- add <oid> <乡镇> <角色> --entra
  npm run users -- reset <登录名>
  npm run users -- disable <登录名>
  npm run users -- enable <登录名>
  npm run users -- list [乡镇]`;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The table to manage, and what to stop afterwards. */
async function connect(): Promise<{ config: StoreConfig; local: DynamoDbLocal | null }> {
  const { TABLE_NAME, DYNAMODB_ENDPOINT } = process.env;
  if (TABLE_NAME && DYNAMODB_ENDPOINT) return { config: { tableName: TABLE_NAME, endpoint: DYNAMODB_ENDPOINT }, local: null };
  const running = await readLocalStackInfo(DATA_DIR);
  if (running) return { config: { tableName: running.tableName, endpoint: running.dynamoEndpoint }, local: null };
  if (TABLE_NAME) return { config: { tableName: TABLE_NAME }, local: null };
  const local = await startDynamoDbLocal({ dbPath: join(DATA_DIR, 'dynamodb') });
  const admin = new DynamoDBClient({ endpoint: local.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(admin, LOCAL_TABLE);
  admin.destroy();
  return { config: { tableName: LOCAL_TABLE, endpoint: local.endpoint }, local };
}

/** Positional arguments and flags (`--json`, `--entra`, `--name <姓名>`). */
function parse(args: string[]): { positional: string[]; json: boolean; entra: boolean; name?: string } {
  const positional: string[] = [];
  let json = false;
  let entra = false;
  let name: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--entra') entra = true;
    else if (arg === '--name') {
      name = args[(i += 1)];
      if (!name) throw new UsageError(`--name 后面要写姓名。\n${USAGE}`);
    } else if (arg.startsWith('--')) throw new UsageError(`不认识的选项 ${arg}。\n${USAGE}`);
    else positional.push(arg);
  }
  return { positional, json, entra, ...(name !== undefined && { name }) };
}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function run(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  const { positional, json, entra, name } = parse(rest);
  const arity: Record<string, [number, number]> = { add: [3, 3], reset: [1, 1], disable: [1, 1], enable: [1, 1], list: [0, 1] };
  const [min, max] = (command && arity[command]) || [-1, -1];
  if (min < 0 || positional.length < min || positional.length > max) throw new UsageError(USAGE);
  if (command === 'add' && !isRole(positional[2]!)) throw new UsageError(`角色「${positional[2]}」不存在，可选：${ROLES.join('、')}`);

  const { config, local } = await connect();
  const doc = createDocumentClient(config);
  const accounts = new AccountStore(doc, config.tableName);
  const admin = new AccountAdmin({ accounts, hasher: new ScryptHasher() });
  const audit = { actor: `cli:${userInfo().username}`, sourceIp: null };
  try {
    const target = positional[0]!;
    switch (command) {
      case 'add': {
        const [, town, role] = positional as [string, string, (typeof ROLES)[number]];
        if (entra) {
          const user = await new UserStore(doc, config.tableName).put({ oid: target, town: town.trim(), role }, audit.actor);
          say(`已登记 Entra ID 用户：${user.oid} — ${user.town} ${user.role}`);
          break;
        }
        const created = await admin.createAccount(town.trim(), { login: target, name, role }, audit);
        if (json) say(JSON.stringify({ login: created.account.login, oneTimePassword: created.oneTimePassword }));
        else say(`已创建账号：${created.account.login}（${created.account.name}，${created.account.town} ${created.account.role}）\n一次性密码：${created.oneTimePassword}（只显示这一次，首次登录后须修改）`);
        break;
      }
      case 'reset':
      case 'disable':
      case 'enable': {
        const account = await admin.find(target);
        if (!account) throw new UsageError(`没有账号「${target}」。`);
        if (command === 'reset') {
          const reset = await admin.resetPassword(account.town, account.login, audit);
          if (json) say(JSON.stringify({ login: reset.account.login, oneTimePassword: reset.oneTimePassword }));
          else say(`已重置 ${reset.account.login} 的密码。一次性密码：${reset.oneTimePassword}（只显示这一次，登录后须修改）`);
        } else {
          const changed = await admin.setDisabled(account.town, account.login, command === 'disable', audit);
          say(`${changed.login}：${command === 'disable' ? '已停用' : '已启用'}（${changed.town} ${changed.role}）`);
        }
        break;
      }
      case 'list': {
        const users = await new UserStore(doc, config.tableName).list(positional[0]);
        if (users.length === 0) say('没有账号。');
        for (const user of users) say(`${user.oid}\t${user.name}\t${user.town}\t${user.role}\t${user.state}\t${user.updatedAt}`);
        break;
      }
    }
  } finally {
    doc.destroy();
    await local?.stop();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
