/**
 * Keeps the process tree of `npm start` together: npm → sh → tsx → this process → DynamoDB Local
 * (java) and esbuild. A signal to any one of them, or the death of whatever launched npm, stops
 * them all and frees the ports. npm and sh do not pass every signal on (SIGTERM to npm killed npm
 * and sh and left the rest running), so this process watches its launchers and its children
 * through /proc instead of relying on them. Without /proc (not Linux) only signals to this
 * process are handled.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** One process as /proc shows it. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Executable name (`comm`), e.g. `java`, `npm start`, `node`. */
  name: string;
  /** Clock ticks since boot when it started: tells a process from a later one with the same pid. */
  startTime: string;
  /** Z (zombie) or X (dead) means it has ended. */
  state: string;
}

const PROC = '/proc';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_TEXT: Record<(typeof SIGNALS)[number], string> = { SIGINT: 'Ctrl-C（SIGINT）', SIGTERM: 'SIGTERM', SIGHUP: 'SIGHUP' };

/** Reads `/proc/<pid>/stat`; null when there is no such process. */
export function readProcess(pid: number): ProcessInfo | null {
  let stat: string;
  try {
    stat = readFileSync(`${PROC}/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // comm is in parentheses and may itself contain spaces and parentheses.
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  return { pid, ppid: Number(fields[1]), name: stat.slice(open + 1, close), state: fields[0] ?? '', startTime: fields[19] ?? '' };
}

/** Whether the process is still the one recorded in `info` and has not ended. */
export function isRunning(info: ProcessInfo): boolean {
  const now = readProcess(info.pid);
  return now !== null && now.startTime === info.startTime && now.state !== 'Z' && now.state !== 'X';
}

function readNul(pid: number, file: 'environ' | 'cmdline'): string[] {
  try {
    return readFileSync(`${PROC}/${pid}/${file}`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

/** Every process below `pid`, children before grandchildren. */
export function descendants(pid: number): ProcessInfo[] {
  let pids: number[];
  try {
    pids = readdirSync(PROC).filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return [];
  }
  const all = pids.map(readProcess).filter((p): p is ProcessInfo => p !== null);
  const found: ProcessInfo[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const child of all.filter((p) => p.ppid === parent)) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/**
 * The processes that launched this one for an npm script, innermost first: each ancestor that
 * runs the same script (its environment has our `npm_lifecycle_event` and `npm_lifecycle_script`),
 * then the npm process above them. Outside npm: the parent when it is tsx.
 */
export function launchers(): ProcessInfo[] {
  const event = process.env.npm_lifecycle_event;
  const script = process.env.npm_lifecycle_script;
  const chain: ProcessInfo[] = [];
  for (let info = readProcess(process.ppid); info && info.pid > 1; info = readProcess(info.ppid)) {
    const env = readNul(info.pid, 'environ');
    const command = readNul(info.pid, 'cmdline').join(' ');
    if (event === undefined) {
      if (/\btsx\b/.test(command)) chain.push(info);
      break;
    }
    if (env.includes(`npm_lifecycle_event=${event}`) && env.includes(`npm_lifecycle_script=${script}`)) {
      chain.push(info);
      continue;
    }
    if (chain.length > 0 && /\bnpm\b|\bnpx\b|npm-cli\.js/.test(command)) chain.push(info);
    break;
  }
  return chain;
}

/** SIGTERM to every process below this one, SIGKILL to those still there after `graceMs`. */
export async function endDescendants(graceMs = 3_000): Promise<void> {
  const signal = (list: ProcessInfo[], name: NodeJS.Signals) => {
    for (const p of list) {
      try {
        if (isRunning(p)) process.kill(p.pid, name);
      } catch {
        // gone in between
      }
    }
  };
  const left = () => descendants(process.pid).filter(isRunning);
  let remaining = left();
  signal(remaining, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while ((remaining = left()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  signal(remaining, 'SIGKILL');
}

export interface StopTogether {
  /**
   * From now on, the end of any launcher, of whatever launched them, or of any process now below
   * this one stops everything. Call it once startup is over (transient children have ended).
   */
  watch(): void;
}

/**
 * Runs `stop` once — on SIGINT, SIGTERM or SIGHUP, or, after {@link StopTogether.watch}, when a
 * process of the tree ends — then ends whatever still runs below this process and exits.
 * `stop` gets a Chinese reason; it is given `timeoutMs` before the rest is ended regardless.
 */
export function stopTogether(stop: (reason: string) => Promise<void>, { intervalMs = 250, timeoutMs = 6_000 } = {}): StopTogether {
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  // The terminal or pipe may be gone when the tree is torn down; a failed write must not end us first.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);

  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      stop(reason).catch(() => undefined),
      new Promise((resolve) => (timeout = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timeout);
    await endDescendants();
    process.exit(0);
  };
  for (const signal of SIGNALS) process.on(signal, () => void shutdown(`收到 ${SIGNAL_TEXT[signal]}`));

  return {
    watch() {
      if (stopping || timer) return;
      const above = launchers();
      const outermost = above.at(-1);
      const launchedBy = outermost ? outermost.ppid : process.ppid;
      const below = descendants(process.pid);
      timer = setInterval(() => {
        const ended = [...above, ...below].find((p) => !isRunning(p));
        if (ended) return void shutdown(`进程 ${ended.name}（${ended.pid}）已结束`);
        const parent = outermost ? readProcess(outermost.pid)?.ppid : process.ppid;
        if (parent !== launchedBy) void shutdown(`启动 npm start 的进程（${launchedBy}）已结束`);
      }, intervalMs);
    },
  };
}
