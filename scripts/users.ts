/**
 * `npm run users -- <command>`: who may use the service, with which role, for which town.
 *
 *   add <oid> <乡镇> <角色>   register or change a user (角色: 秘书, 组长, 书记, 镇长)
 *   remove <oid>             remove a user
 *   list [乡镇]              list users
 *   token <oid>              print a development token for <oid> (local key under .data/)
 *
 * Works against the DynamoDB of a running `npm start`, else starts DynamoDB Local on .data/ for
 * the duration of the command. With TABLE_NAME set (and no DYNAMODB_ENDPOINT) it manages the
 * deployed table with the AWS credentials of the shell.
 */
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadDevTokenIssuer } from '../functions/src/auth/devTokens.js';
import { ROLES, isRole, type Role } from '../functions/src/auth/roles.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../functions/src/server/dynamoDbLocal.js';
import { readLocalStackInfo } from '../functions/src/server/localStackInfo.js';
import { createDocumentClient, type StoreConfig } from '../functions/src/store/dynamoClient.js';
import { ensureTable } from '../functions/src/store/tableSchema.js';
import { UserStore } from '../functions/src/store/UserStore.js';

// Node 20 is supported here; the SDK's notice about its future Node 22 minimum is noise in a CLI
// (clients read this when they are created, after the imports).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const DATA_DIR = resolve(import.meta.dirname, '..', '.data');
const LOCAL_TABLE = 'mubiao-kaohe';
const USAGE = `用法：
  npm run users -- add <oid> <乡镇> <角色>   角色：${ROLES.join('、')}
  npm run users -- remove <oid>
  npm run users -- list [乡镇]
  npm run users -- token <oid>`;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The table to manage, and what to stop afterwards. */
async function connect(): Promise<{ config: StoreConfig; local: DynamoDbLocal | null }> {
  const running = await readLocalStackInfo(DATA_DIR);
  if (running) return { config: { tableName: running.tableName, endpoint: running.dynamoEndpoint }, local: null };
  if (process.env.TABLE_NAME && !process.env.DYNAMODB_ENDPOINT) return { config: { tableName: process.env.TABLE_NAME }, local: null };
  const local = await startDynamoDbLocal({ dbPath: join(DATA_DIR, 'dynamodb') });
  const admin = new DynamoDBClient({ endpoint: local.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(admin, LOCAL_TABLE);
  admin.destroy();
  return { config: { tableName: LOCAL_TABLE, endpoint: local.endpoint }, local };
}

async function run(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (!command || !['add', 'remove', 'list', 'token'].includes(command)) throw new UsageError(USAGE);
  if (command === 'add' && (rest.length !== 3 || !rest[0] || !rest[1])) throw new UsageError(USAGE);
  if ((command === 'remove' || command === 'token') && rest.length !== 1) throw new UsageError(USAGE);
  if (command === 'add' && !isRole(rest[2]!)) throw new UsageError(`角色「${rest[2]}」不存在，可选：${ROLES.join('、')}`);

  const { config, local } = await connect();
  const doc = createDocumentClient(config);
  const users = new UserStore(doc, config.tableName);
  const actor = `cli:${userInfo().username}`;
  try {
    switch (command) {
      case 'add': {
        // Checked by isRole above.
        const [oid, town, role] = rest as [string, string, Role];
        const user = await users.put({ oid, town: town.trim(), role }, actor);
        process.stdout.write(`已登记：${user.oid} — ${user.town} ${user.role}\n`);
        break;
      }
      case 'remove': {
        const removed = await users.remove(rest[0]!, actor);
        process.stdout.write(removed ? `已删除：${removed.oid}（${removed.town} ${removed.role}）\n` : `没有账号「${rest[0]}」\n`);
        break;
      }
      case 'list': {
        const list = await users.list(rest[0]);
        if (list.length === 0) process.stdout.write('没有登记的账号。\n');
        for (const user of list) process.stdout.write(`${user.oid}\t${user.town}\t${user.role}\t${user.updatedAt}\n`);
        break;
      }
      case 'token': {
        const oid = rest[0]!;
        if (!(await users.get(oid))) process.stderr.write(`注意：账号「${oid}」尚未登记，API 会以 403 拒绝它。\n`);
        const issuer = await loadDevTokenIssuer(DATA_DIR);
        process.stdout.write(`${await issuer.sign(oid)}\n`);
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
