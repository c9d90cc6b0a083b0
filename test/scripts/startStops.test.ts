/**
 * `npm start` stops however it is stopped: a signal to any process of its tree, or the death of
 * whatever launched it, ends every process of the tree and frees the ports within 10 s.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../functions/src/server/dynamoDbLocal.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const READY_TEXT = '按 Ctrl-C 停止。';

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
}

/** Every process below `pid` (inclusive), read with ps, independent of the code under test. */
function tree(pid: number): Proc[] {
  const all = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), comm: m[3]!.trim() }));
  const found = all.filter((p) => p.pid === pid);
  for (let i = 0; i < found.length; i++) found.push(...all.filter((p) => p.ppid === found[i]!.pid));
  return found;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolveOpen(true);
    });
    socket.once('error', () => resolveOpen(false));
  });
}

let started: Proc[] = [];
let launcher: ChildProcess | undefined;

/** Starts `npm start` (through `bash -c` so the launcher can die), resolves once it is ready. */
async function startNpm(): Promise<{ npm: Proc; processes: Proc[]; ports: number[]; launcherPid: number }> {
  const port = await freePort();
  launcher = spawn('bash', ['-c', 'npm start & wait'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOCAL_HTTPS: '0', BUILD_ADDIN: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  launcher.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  launcher.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const deadline = Date.now() + 150_000;
  while (!output.includes(READY_TEXT)) {
    if (Date.now() > deadline || launcher.exitCode !== null) throw new Error(`npm start did not get ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const all = tree(launcher.pid!);
  started = all;
  const npm = all.find((p) => p.ppid === launcher!.pid)!;
  const info = JSON.parse(readFileSync(join(ROOT, '.data', 'local-stack.json'), 'utf8')) as { dynamoEndpoint: string };
  return { npm, processes: all.filter((p) => p.pid !== launcher!.pid), ports: [port, Number(new URL(info.dynamoEndpoint).port)], launcherPid: launcher.pid! };
}

/** Polls until no process of `processes` runs and no port answers; the time it took, or null after 10 s. */
async function secondsUntilGone(processes: Proc[], ports: number[]): Promise<number | null> {
  const startedAt = Date.now();
  while (Date.now() - startedAt < 10_000) {
    const open = await Promise.all(ports.map(portOpen));
    if (processes.every((p) => !alive(p.pid)) && !open.includes(true)) return (Date.now() - startedAt) / 1000;
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}

afterEach(() => {
  // Whatever the test left running: by pid, the processes this test started.
  for (const p of started) if (alive(p.pid)) process.kill(p.pid, 'SIGKILL');
  started = [];
  launcher = undefined;
});

describe('npm start', () => {
  it('stops every process and frees the ports on SIGTERM to the outermost npm', async () => {
    // Prepare
    const { npm, processes, ports } = await startNpm();
    // esbuild runs only when tsx's cache misses; java and the servers always.
    expect(processes.map((p) => p.comm)).toEqual(expect.arrayContaining(['sh', 'node', 'java']));
    expect(await Promise.all(ports.map(portOpen))).toEqual([true, true]);

    // Act
    process.kill(npm.pid, 'SIGTERM');

    // Assess
    expect(await secondsUntilGone(processes, ports)).not.toBeNull();
  }, 180_000);

  it('stops everything on SIGHUP to DynamoDB Local', async () => {
    // Prepare
    const { processes, ports } = await startNpm();
    const java = processes.find((p) => p.comm === 'java')!;

    // Act
    process.kill(java.pid, 'SIGHUP');

    // Assess
    expect(await secondsUntilGone(processes, ports)).not.toBeNull();
  }, 180_000);

  it('stops everything when the process that launched npm dies', async () => {
    // Prepare
    const { processes, ports, launcherPid } = await startNpm();

    // Act
    process.kill(launcherPid, 'SIGKILL');

    // Assess
    expect(await secondsUntilGone(processes, ports)).not.toBeNull();
  }, 180_000);
});
