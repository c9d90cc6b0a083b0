/**
 * Compute through the local API (the Lambda handlers behind the HTTP API adapter, DynamoDB Local
 * in memory): latency of one client in turn (p50/p95); runs per second with several clients at
 * once, each the 秘书 of its own town as on the shared service; and a burst of simultaneous
 * computes of one town's month, which the store serialises. Requests go to 127.0.0.1 only,
 * gzip-compressed as the add-in sends them.
 */
import { startLocalStack, type LocalStack } from '../functions/src/server/localStack.js';
import { percentile } from './stats.js';

export interface LatencyFigures {
  requests: number;
  p50: number;
  p95: number;
}

export interface ApiFigures {
  sequential: LatencyFigures;
  /** Null when not measured (`seconds` 0, or the API refused the request). */
  concurrent: (LatencyFigures & { clients: number; seconds: number; runsPerSecond: number; failures: Record<string, number> }) | null;
  /** Answers to `clients` simultaneous computes of the same town and month, by status; null when not measured. */
  burst: Record<string, number> | null;
  /** The API's answer when it was not 200, e.g. 413 for a body over the limit. */
  refusal: { status: number; code: string; message: string } | null;
}

export interface ApiLoad {
  /** Requests one after another for the latency percentiles. */
  sequential: number;
  clients: number;
  /** How long the clients keep computing; 0 skips the concurrent part and the burst. */
  seconds: number;
}

interface Answer {
  status: number;
  code: string;
  message: string;
  ms: number;
}

const count = (tally: Record<string, number>, key: string) => {
  tally[key] = (tally[key] ?? 0) + 1;
};

/** A local stack with one registered 秘书 per town, shared by the sizes of one benchmark run. */
export class ApiBench {
  private constructor(
    private readonly stack: LocalStack,
    private readonly url: string,
    private readonly tokens: ReadonlyMap<string, string>,
  ) {}

  /** Starts DynamoDB Local and the API on 127.0.0.1 and registers a 秘书 of each town. */
  static async start(towns: readonly string[]): Promise<ApiBench> {
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    const stack = await startLocalStack({ inMemory: true, host: '127.0.0.1', port: 0 });
    try {
      const tokens = new Map<string, string>();
      for (const [i, town] of towns.entries()) {
        const oid = `bench-secretary-${i + 1}`;
        await stack.addUser(oid, town, '秘书');
        tokens.set(town, await stack.devToken(oid));
      }
      return new ApiBench(stack, `http://127.0.0.1:${new URL(stack.url).port}/v1/assessments/compute`, tokens);
    } catch (error) {
      await stack.stop();
      throw error;
    }
  }

  /** One compute request as `town`'s 秘书: status, the answer's code and message, time to the whole answer. */
  private async call(town: string, gzipBody: Buffer): Promise<Answer> {
    const started = performance.now();
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.tokens.get(town)}`,
        'content-type': 'application/json; charset=utf-8',
        'content-encoding': 'gzip',
        // Client and server share one event loop: a compute of seconds delays the server's
        // keep-alive timer past a request already sent on the idle connection (ECONNRESET).
        connection: 'close',
      },
      body: new Uint8Array(gzipBody),
    });
    const body = JSON.parse(await response.text()) as { code?: string; message?: string };
    return { status: response.status, code: body.code ?? '', message: body.message ?? '', ms: performance.now() - started };
  }

  /**
   * Measures compute of one workbook under `load`. `bodyOf(town)` is the gzip request body of the
   * workbook made out to that town; the first town's is sent alone and in the burst.
   */
  async measure(bodyOf: (town: string) => Buffer, load: ApiLoad): Promise<ApiFigures> {
    const towns = [...this.tokens.keys()];
    const town = towns[0]!;
    const body = bodyOf(town);
    const first = await this.call(town, body);
    if (first.status !== 200) {
      const refusal = { status: first.status, code: first.code, message: first.message };
      return { sequential: { requests: 1, p50: first.ms, p95: first.ms }, concurrent: null, burst: null, refusal };
    }
    const times: number[] = [];
    for (let i = 0; i < load.sequential; i++) {
      const answer = await this.call(town, body);
      if (answer.status !== 200) throw new Error(`compute answered ${answer.status} ${answer.code}: ${answer.message}`);
      times.push(answer.ms);
    }
    const sequential = { requests: times.length, p50: percentile(times, 50), p95: percentile(times, 95) };
    if (load.seconds <= 0) return { sequential, concurrent: null, burst: null, refusal: null };

    const clientTowns = towns.slice(0, load.clients);
    const bodies = new Map(clientTowns.map((t) => [t, bodyOf(t)]));
    const loaded: number[] = [];
    const failures: Record<string, number> = {};
    const started = performance.now();
    const deadline = started + load.seconds * 1000;
    const client = async (t: string) => {
      while (performance.now() < deadline) {
        const answer = await this.call(t, bodies.get(t)!);
        if (answer.status === 200) loaded.push(answer.ms);
        else count(failures, `${answer.status} ${answer.code}`);
      }
    };
    await Promise.all(clientTowns.map(client));
    const elapsed = (performance.now() - started) / 1000;

    const burst: Record<string, number> = {};
    const answers = await Promise.all(clientTowns.map(() => this.call(town, body)));
    for (const a of answers) count(burst, a.status === 200 ? '200' : `${a.status} ${a.code}`);
    return {
      sequential,
      concurrent: {
        clients: clientTowns.length,
        seconds: elapsed,
        requests: loaded.length,
        runsPerSecond: loaded.length / elapsed,
        p50: percentile(loaded, 50),
        p95: percentile(loaded, 95),
        failures,
      },
      burst,
      refusal: null,
    };
  }

  stop(): Promise<void> {
    return this.stack.stop();
  }
}
