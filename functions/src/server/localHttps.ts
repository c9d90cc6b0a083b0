/**
 * HTTPS for `npm start` with the Office development certificates (office-addin-dev-certs), and
 * the one Chinese notice shown when they cannot be used, fitted to who runs it: the tool installs
 * its CA through `sudo` on Linux, which a root shell in a container usually does not have.
 */
import { spawnSync } from 'node:child_process';

/** Who runs `npm start`, as far as the notice depends on it. */
export interface Runner {
  platform: NodeJS.Platform;
  isRoot: boolean;
  hasSudo: boolean;
}

export type TlsFiles = { key: Buffer; cert: Buffer; ca: Buffer };

const PREFIX = '本机尚未信任 Office 开发证书，本地服务改用 http（浏览器中的网页版照常可用；Excel 只加载 HTTPS 的加载项）。';
const RESTART = '然后重新运行 npm start。';
const CA = '~/.office-addin-dev-certs/ca.crt';
const LINUX_TRUST = `mkdir -p /usr/local/share/ca-certificates/office-addin-dev-certs && cp ${CA} /usr/local/share/ca-certificates/office-addin-dev-certs/ && update-ca-certificates`;

/** The notice when the certificates could not be installed. */
export function httpsFallbackNotice(runner: Runner): string {
  if (runner.platform === 'win32') return `${PREFIX}请以管理员身份打开命令提示符，运行 npx office-addin-dev-certs install，${RESTART}`;
  if (runner.platform === 'darwin') return `${PREFIX}请运行 npx office-addin-dev-certs install（按提示输入本机登录密码），${RESTART}`;
  if (runner.hasSudo) return `${PREFIX}请运行 npx office-addin-dev-certs install（它会通过 sudo 把证书加入系统信任），${RESTART}`;
  if (runner.isRoot) return `${PREFIX}本机没有 sudo，证书工具无法自行安装；您是 root，可直接运行：${LINUX_TRUST}，${RESTART}`;
  return `${PREFIX}本机没有 sudo：请管理员以 root 身份运行 ${LINUX_TRUST.replace('~', '<您的主目录>')}，${RESTART}`;
}

/** This process's runner. */
export function currentRunner(): Runner {
  return {
    platform: process.platform,
    isRoot: process.getuid?.() === 0,
    hasSudo: process.platform !== 'win32' && spawnSync('sh', ['-c', 'command -v sudo'], { stdio: 'ignore' }).status === 0,
  };
}

/**
 * The TLS files of the development certificates (created and installed on first use), or the
 * notice to print instead. `LOCAL_HTTPS=0` asks for plain http. The tool's own English progress
 * lines are held back: the notice says what matters.
 */
export async function localTls(env: NodeJS.ProcessEnv = process.env): Promise<TlsFiles | { notice: string }> {
  if (env.LOCAL_HTTPS === '0') return { notice: '已设置 LOCAL_HTTPS=0，本地服务使用 http（Excel 只加载 HTTPS 的加载项；浏览器中的网页版照常可用）。' };
  const log = console.log;
  console.log = () => undefined;
  try {
    const certs = await import('office-addin-dev-certs');
    const options = await certs.getHttpsServerOptions();
    return { key: Buffer.from(options.key as Buffer), cert: Buffer.from(options.cert as Buffer), ca: Buffer.from(options.ca as Buffer) };
  } catch {
    return { notice: httpsFallbackNotice(currentRunner()) };
  } finally {
    console.log = log;
  }
}
