/**
 * `npm start`: the whole product on this machine. Installs missing system packages (Java 17 for
 * DynamoDB Local) through scripts/ensure-system.sh, starts DynamoDB Local with its data under
 * .data/, the API (the Lambda handlers behind the HTTP API adapter) and the built add-in on one
 * HTTPS origin (https://localhost:3000, as manifest.xml expects; plain http where no trusted
 * certificate can be made), creates the town's first 秘书 account (printing its one-time password),
 * computes the example workbook once through the API, prints the URLs, and stops everything however it is stopped (see
 * functions/src/server/processTree.ts). `BUILD_ADDIN=0` skips building a missing add-in.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { userInfo } from 'node:os';
import { AccountAdmin } from '../functions/src/auth/accountAdmin.js';
import { ScryptHasher } from '../functions/src/auth/passwords.js';
import type { Grid } from '../functions/src/domain/types.js';
import { serviceContext } from '../functions/src/handlers/serviceContext.js';
import { startLocalStack, type LocalStack } from '../functions/src/server/localStack.js';
import { removeLocalStackInfo, writeLocalStackInfo } from '../functions/src/server/localStackInfo.js';
import { localTls } from '../functions/src/server/localHttps.js';
import { stopTogether } from '../functions/src/server/processTree.js';
import { AccountStore } from '../functions/src/store/AccountStore.js';
import { readWorkbookFile } from '../functions/src/workbook/readWorkbookFile.js';

// Node 20 is supported here; the SDK's notice about its future Node 22 minimum is noise in a CLI
// (clients read this when they are created, after the imports).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// One JSON line per request drowns the console; POWERTOOLS_LOG_LEVEL=INFO npm start shows them.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const ROOT = resolve(import.meta.dirname, '..');
const DATA_DIR = join(ROOT, '.data');
const ADDIN_DIR = join(ROOT, 'dist', 'addin');
const EXAMPLE = join(ROOT, 'examples', '花桥街镇-2015.xlsx');
const PORT = Number(process.env.PORT ?? 3000);
/** Who computes the example at start-up (shown as such in the run history). */
const EXAMPLE_USER = 'npm-start';

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function ensureSystem(): void {
  const result = spawnSync('bash', [join(ROOT, 'scripts', 'ensure-system.sh')], { stdio: 'inherit' });
  if (result.status === 0) return;
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0) {
    say('（部分系统依赖缺失，但 Java 已就绪，本地服务可以继续启动。）');
    return;
  }
  say('缺少 Java 17，无法启动 DynamoDB Local。请按上面的提示安装后重试。');
  process.exit(1);
}

function buildAddinIfMissing(): void {
  if (existsSync(join(ADDIN_DIR, 'taskpane.html')) || process.env.BUILD_ADDIN === '0') return;
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  if (!scripts['build:addin']) {
    say('加载项尚未构建（还没有 npm run build:addin），先只启动 API。');
    return;
  }
  say('正在构建加载项（npm run build:addin）…');
  const result = spawnSync('npm', ['run', 'build:addin'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) say('加载项构建失败，先只启动 API。');
}

/** POSTs JSON (gzipped) with the CA of the dev certificate, which Node's fetch cannot be given. */
function post(url: string, body: string, token: string, ca?: Buffer): Promise<{ status: number; json: Record<string, unknown> }> {
  const payload = gzipSync(body);
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolvePost, reject) => {
    const request = send(
      url,
      {
        method: 'POST',
        ca,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': payload.length,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolvePost({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** The 乡镇 of a workbook's 参数 sheet (the development users belong to it). */
function townOf(grids: Grid[]): string {
  const row = grids.find((grid) => grid.name === '参数')?.values.find((cells) => cells[0] === '乡镇');
  return typeof row?.[1] === 'string' && row[1] ? row[1] : '花桥街镇';
}

async function computeExample(stack: LocalStack, grids: Grid[], token: string, ca: Buffer | undefined): Promise<string> {
  const body = JSON.stringify({ town: townOf(grids), grids });
  await writeFile(join(DATA_DIR, 'example-request.json'), body);
  const started = performance.now();
  const { status, json } = await post(`${stack.url}/v1/assessments/compute`, body, token, ca);
  const ms = Math.round(performance.now() - started);
  if (status !== 200 && status !== 409) throw new Error(`示例计算失败（HTTP ${status}）：${String(json.message)}`);
  const result = json.result as { month: string; villages: { village: string; monthRank: number }[]; issues: unknown[] };
  const first = result.villages.find((v) => v.monthRank === 1)?.village ?? '—';
  return `${result.month} ${String(json.status)}，${result.villages.length} 个村，第一名 ${first}，${result.issues.length} 条提示，耗时 ${ms} ms（运行编号 ${String(json.runId)}）`;
}

async function main(): Promise<void> {
  let stack: LocalStack | undefined;
  const together = stopTogether(async (reason) => {
    say(`\n${reason}，正在停止…`);
    await removeLocalStackInfo(DATA_DIR);
    await stack?.stop();
    say('已停止：API、加载项服务和 DynamoDB Local 均已关闭。');
  });
  say('目标管理考核 — 启动本地环境');
  ensureSystem();
  buildAddinIfMissing();
  await mkdir(DATA_DIR, { recursive: true });
  const tls = await localTls();
  const secure = 'key' in tls;
  try {
    stack = await startLocalStack({
      port: PORT,
      dataDir: DATA_DIR,
      addinDir: ADDIN_DIR,
      tls: secure ? tls : undefined,
    });
  } catch (error) {
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    say(busy ? `端口 ${PORT} 已被占用。请关闭占用它的程序，或用 PORT=3001 npm start（manifest.xml 使用 3000）。` : String(error));
    process.exit(1);
  }
  await writeLocalStackInfo(DATA_DIR, { url: stack.url, dynamoEndpoint: stack.dynamoEndpoint, tableName: stack.tableName, pid: process.pid });

  const grids = existsSync(EXAMPLE) ? await readWorkbookFile(EXAMPLE) : [];
  const town = townOf(grids);
  const admin = new AccountAdmin({ accounts: new AccountStore(serviceContext().doc, stack.tableName), hasher: new ScryptHasher() });
  const first = await admin.ensureFirstSecretary(town, { actor: `cli:${userInfo().username}`, sourceIp: null });
  // The example is computed as a registered user without a password (no sign-in possible), with a
  // token the local key signs in-process: the 秘书's one-time password stays for her first sign-in.
  if (!(await serviceContext().users.get(EXAMPLE_USER))) await stack.addUser(EXAMPLE_USER, town, '秘书');
  const token = await stack.devToken(EXAMPLE_USER);
  const ca = secure ? tls.ca : undefined;
  let example: string;
  try {
    example = grids.length > 0 ? await computeExample(stack, grids, token, ca) : `没有示例工作簿 ${EXAMPLE}（npm run examples 可以生成）`;
  } catch (error) {
    example = `失败：${error instanceof Error ? error.message : String(error)}`;
  }

  const curlTls = secure ? `--cacert ~/.office-addin-dev-certs/ca.crt ` : '';
  say();
  if (!secure) {
    say(`注意：${tls.notice}`);
    say();
  }
  say('本地环境已就绪：');
  say(`  加载项任务窗格   ${stack.url}/taskpane.html${existsSync(join(ADDIN_DIR, 'taskpane.html')) ? '' : '（加载项未构建）'}（同一地址即网页版：WPS/LibreOffice 用户在浏览器中打开，拖入 .xlsx 即可）`);
  say(`  API              ${stack.url}/v1/assessments/compute 等接口；登录 ${stack.url}/v1/auth/login（docs/identity.md）`);
  say(`  DynamoDB Local   ${stack.dynamoEndpoint}（数据保存在 .data/dynamodb）`);
  say(`  示例计算         ${example}`);
  say();
  if (first.oneTimePassword) {
    say(`${town}的第一位秘书账号：登录名 ${first.login}，一次性密码 ${first.oneTimePassword}`);
    say('  （只显示这一次；首次登录后须修改密码。其他账号在任务窗格的「账号」页或用 npm run users -- add <登录名> <乡镇> <角色> 创建）');
  } else {
    say(`${town}的秘书账号：${first.login}（忘记密码时：npm run users -- reset ${first.login}）`);
  }
  say();
  say('用 curl 登录并计算示例工作簿（先把 <密码> 换成上面的密码；首次登录须先修改密码：POST /v1/auth/password）：');
  say(`  TOKEN=$(curl -s ${curlTls}-X POST ${stack.url}/v1/auth/login -H "Content-Type: application/json" \\`);
  say(`    -d '{"login":"${first.login}","password":"<密码>"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')`);
  say(`  curl ${curlTls}-X POST ${stack.url}/v1/assessments/compute -H "Authorization: Bearer $TOKEN" \\`);
  say('    -H "Content-Type: application/json" --data-binary @.data/example-request.json');
  say();
  say(`在 Excel 中旁加载 ${join(ROOT, 'manifest.xml')}：`);
  say('  Excel 网页版：开始 → 加载项 → 更多设置/我的加载项 → 上传我的加载项，选择 manifest.xml；');
  say('  Windows 版：把 manifest.xml 所在文件夹设为共享文件夹，在 文件 → 选项 → 信任中心 → 受信任的加载项目录 中添加，再从 插入 → 我的加载项 → 共享文件夹 添加；');
  say('  Mac 版：把 manifest.xml 复制到 ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ 后重启 Excel。');
  say(`  在加载项里用 ${first.login} 登录。`);
  say();
  say('按 Ctrl-C 停止。');
  together.watch();
}

main().catch((error: unknown) => {
  say(`启动失败：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
