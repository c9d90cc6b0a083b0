import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../infra/ServiceApi.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Any request the CLI or the app would make goes to a closed port and fails at once, as with no network.
const DEAD_PROXY = 'http://127.0.0.1:9';

let outdir = '';
let run: SpawnSyncReturns<string>;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'mubiao-synth-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_REGION: 'cn-north-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    HTTPS_PROXY: DEAD_PROXY,
    HTTP_PROXY: DEAD_PROXY,
  };
  run = spawnSync('npm', ['run', 'synth', '--', '--output', outdir], { cwd: REPO_ROOT, env, encoding: 'utf8' });
});

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe('npm run synth', () => {
  it('exits 0 without network and writes the template', () => {
    // Prepare
    const template = join(outdir, 'MubiaoKaohe.template.json');

    // Act
    const status = run.status;

    // Assess
    expect(status, run.stderr).toBe(0);
    expect(existsSync(template)).toBe(true);
    expect(readFileSync(template, 'utf8')).not.toContain('arn:aws:');
  });

  it('prints each function’s bundle size', () => {
    // Prepare
    const output = run.stderr;

    // Act
    const printed = ROUTES.map((route) => new RegExp(`函数包 ${route.handler}\\s+\\d+\\.\\d KB`).test(output));

    // Assess
    expect(printed).toEqual(ROUTES.map(() => true));
  });

  it('deploys the service’s own sign-in by default, needing no Entra ID values', () => {
    // Prepare
    const output = run.stderr;

    // Act
    const template = readFileSync(join(outdir, 'MubiaoKaohe.template.json'), 'utf8');

    // Assess
    expect(output).not.toContain('占位值');
    expect(template).toContain('"KeySpec": "RSA_2048"');
    expect(template).toContain('"RouteKey": "POST /v1/auth/login"');
  });
});
