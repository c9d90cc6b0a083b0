import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { parse } from 'acorn';
import { beforeAll, describe, expect, it } from 'vitest';
import { RIBBON_FUNCTIONS } from '../../addin/src/commands/functionNames.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = resolve(root, 'test/.tmp/addin-production');
const CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const check = readFileSync(resolve(root, 'addin/legacy/oldWebview.js'), 'utf8');

/** Every file below `dir`, relative to it. */
function files(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

/** The scripts a page loads before any dynamic import: its module script, its preloads and their static imports. */
function firstScripts(dir: string, page: string): string[] {
  const html = readFileSync(join(dir, page), 'utf8');
  const pending = [...html.matchAll(/<(?:script type="module"[^>]*src|link rel="modulepreload"[^>]*href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) pending.push(join(file, '..', m[1]!));
  }
  return [...seen];
}

/** The first script element of a page: its attributes and body. */
function firstScript(html: string): { attributes: string; body: string } {
  const match = /<script([^>]*)>([\s\S]*?)<\/script>/.exec(html)!;
  return { attributes: match[1]!, body: match[2]! };
}

/** Runs the old-webview check in a page of `url`, its webview with or without module scripts. */
function runCheck(url: string, modules: boolean) {
  const element = (tag: string): Record<string, unknown> => {
    const node: Record<string, unknown> = { tag, style: {}, children: [] as unknown[], text: '' };
    node.appendChild = (child: Record<string, unknown>) => {
      (node.children as unknown[]).push(child);
      node.text = `${String(node.text)}${String(child.text ?? '')}`;
    };
    if (tag === 'script' && modules) node.noModule = false;
    return node;
  };
  const body = element('body');
  const dialogs: string[] = [];
  const window: Record<string, unknown> = {
    location: { href: url },
    document: { readyState: 'complete', body, createElement: element, createTextNode: (text: string) => ({ text }) },
    setTimeout: () => 0,
    Office: {
      context: {
        ui: {
          displayDialogAsync: (dialogUrl: string, _options: unknown, callback: (r: unknown) => void) => {
            dialogs.push(dialogUrl);
            callback({ status: 'succeeded', value: { addEventHandler: (_e: string, closed: () => void) => closed() } });
          },
        },
      },
    },
  };
  window.window = window;
  const context = createContext(window);
  runInContext(check, context);
  return { window, body, dialogs };
}

describe('the production build of the add-in', () => {
  beforeAll(() => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const env: NodeJS.ProcessEnv = { ...process.env, ADDIN_URL: 'https://kaohe.example.cn/addin' };
    delete env.OFFICE_JS;
    execFileSync('npx', ['vite', 'build', '--config', 'addin/vite.config.ts', '--outDir', out, '--logLevel', 'error'], { cwd: root, env, stdio: 'pipe' });
  }, 120_000);

  it('carries no office.js and loads it from Microsoft’s CDN in every page with a script', () => {
    // Act
    const built = files(out);
    const pages = built.filter((f) => f.endsWith('.html'));

    // Assess
    expect(built.filter((f) => /(^|\/)office(\.debug)?\.js$|^office\//.test(f))).toEqual([]);
    expect(pages.sort()).toEqual(['dialog.html', 'help.html', 'notice.html', 'taskpane.html']);
    for (const page of ['taskpane.html', 'notice.html', 'dialog.html']) {
      expect(readFileSync(join(out, page), 'utf8')).toMatch(new RegExp(`<script[^>]* src="${CDN.replace(/\./g, '\\.')}"></script>`));
    }
    expect(built).toContain('assets/icon-64.png');
    expect(readFileSync(join(out, 'manifest.xml'), 'utf8')).toContain('<SupportUrl DefaultValue="https://kaohe.example.cn/addin/help.html"/>');
  });

  it('loads the zip reader and the result copy of the browser mode only when a file is dropped', () => {
    // Prepare: JSZip's name and the package part every copy writes mark that code
    const holdsZip = (file: string) => /JSZip/.test(readFileSync(join(out, file), 'utf8')) && /\[Content_Types\]\.xml/.test(readFileSync(join(out, file), 'utf8'));

    // Act
    const first = firstScripts(out, 'taskpane.html');
    const later = files(out).filter((f) => f.endsWith('.js') && !first.includes(f));

    // Assess
    expect(first.some((f) => /^assets\/taskpane-.*\.js$/.test(f))).toBe(true);
    expect(first.filter(holdsZip)).toEqual([]);
    expect(later.filter(holdsZip).some((f) => f.includes('fileWorkbook'))).toBe(true);
  });

  it('starts every page with a module script by the classic old-webview check, which parses as ES5', () => {
    for (const page of ['taskpane.html', 'notice.html', 'dialog.html']) {
      // Act
      const script = firstScript(readFileSync(join(out, page), 'utf8'));

      // Assess
      expect(script.attributes).not.toContain('type="module"');
      expect(script.body.trim()).toBe(check.trim());
      expect(() => parse(script.body, { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
    }
  });
});

describe('the old-webview check', () => {
  it('is ES5: a real ES5 parser accepts it and refuses ES2015', () => {
    // Act
    const parsed = () => parse(check, { ecmaVersion: 5, sourceType: 'script' });

    // Assess
    expect(parsed).not.toThrow();
    expect(() => parse('const a = () => 1;', { ecmaVersion: 5 })).toThrow();
  });

  it('tells an old webview, in Chinese, to use the 网页版 at this deployment’s address, and answers the ribbon', () => {
    // Act
    const run = runCheck('https://kaohe.example.cn/addin/taskpane.html?_host_Info=Excel', false);
    let completed = 0;
    for (const name of Object.values(RIBBON_FUNCTIONS)) (run.window[name] as (e: unknown) => void)({ completed: () => completed++ });

    // Assess
    expect(run.window.khTooOld).toBe(true);
    expect(run.body.text).toContain('此版本的 Office 无法运行目标管理考核');
    expect(run.body.text).toContain('请改用网页版');
    expect(run.body.text).toContain('https://kaohe.example.cn/addin/taskpane.html');
    expect(run.dialogs).toEqual(['https://kaohe.example.cn/addin/notice.html', 'https://kaohe.example.cn/addin/notice.html']);
    expect(completed).toBe(2);
  });

  it('leaves a modern webview alone', () => {
    // Act
    const run = runCheck('https://kaohe.example.cn/addin/taskpane.html', true);

    // Assess
    expect(run.window.khTooOld).toBeUndefined();
    expect(run.body.text).toBe('');
    expect(RIBBON_FUNCTIONS.compute in run.window).toBe(false);
  });
});

