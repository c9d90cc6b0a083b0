/**
 * `scripts/ensure-system.sh --check`: the CJK font check must not report present fonts as
 * missing (it did under `set -o pipefail` when fc-list died of SIGPIPE).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'ensure-system.sh');
const fakeBin = mkdtempSync(join(tmpdir(), 'ensure-system-'));

afterAll(() => rmSync(fakeBin, { recursive: true, force: true }));

/** Runs the check with `fc-list` replaced by a script printing `body` (or the real one when null). */
function check(fcListBody: string | null): { status: number | null; missing: string[] } {
  let path = process.env.PATH ?? '';
  if (fcListBody !== null) {
    const dir = mkdtempSync(join(fakeBin, 'bin-'));
    writeFileSync(join(dir, 'fc-list'), `#!/usr/bin/env bash\n${fcListBody}\n`);
    chmodSync(join(dir, 'fc-list'), 0o755);
    path = `${dir}:${path}`;
  }
  const run = spawnSync('bash', [SCRIPT, '--check'], { encoding: 'utf8', env: { ...process.env, PATH: path } });
  return { status: run.status, missing: run.stdout.split('\n').filter(Boolean) };
}

describe('ensure-system.sh font check', () => {
  it('never reports the installed CJK fonts missing in 20 runs', () => {
    // Prepare
    const families = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' });
    expect(families.toLowerCase()).toContain('noto sans cjk');

    // Act
    const runs = Array.from({ length: 20 }, () => check(null));

    // Assess
    expect(runs.filter((run) => run.missing.includes('fonts-noto-cjk'))).toEqual([]);
  });

  it('finds the font when fc-list prints it first and then far more than a pipe holds', () => {
    // Prepare: the font on the first line, then ~1 MB, so a searcher that stops early breaks fc-list's pipe
    const body = "echo 'Noto Sans CJK SC'\nyes 'Some Other Font Family' | head -n 50000";

    // Act
    const runs = Array.from({ length: 3 }, () => check(body));

    // Assess
    expect(runs.map((run) => run.missing.includes('fonts-noto-cjk'))).toEqual([false, false, false]);
  });

  it('reports fonts-noto-cjk when no CJK font is installed', () => {
    // Prepare
    const body = "echo 'DejaVu Sans'; echo 'Liberation Serif'";

    // Act
    const run = check(body);

    // Assess
    expect(run.missing).toContain('fonts-noto-cjk');
    expect(run.status).toBe(1);
  });

  it('reports fonts-noto-cjk when fc-list fails', () => {
    // Prepare
    const body = 'exit 2';

    // Act
    const run = check(body);

    // Assess
    expect(run.missing).toContain('fonts-noto-cjk');
  });
});
