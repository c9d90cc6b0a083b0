/**
 * The local server's request isolation: each API request runs in a worker thread that handles one
 * request at a time, as a Lambda container does, so one long compute never stalls the server or
 * other requests. The pool is bounded (at most `size` workers, a bounded queue, then 503); a
 * worker that passes the time limit is stopped (504) and one that runs out of memory (its heap is
 * capped like a Lambda's memory) answers 502; either is replaced.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { HttpError } from '../http/HttpError.js';
import { errorResponse } from '../http/responses.js';
import { API_WORKER_MARK, type WorkerAnswer, type WorkerRequest } from './apiWorker.js';
import { bundleLikeLambda } from './lambdaBundle.js';

export interface WorkerPoolOptions {
  /** Most workers, i.e. requests handled at once (default 4). */
  size?: number;
  /** Workers started ahead of the first request (default 2). */
  warm?: number;
  /** Requests waiting for a worker before further ones get 503 (default 64). */
  queueLimit?: number;
  /** Time limit of one request, like the function's timeout (default 60 s). */
  timeoutMs?: number;
  /** Heap limit of a worker, like the function's memory (default 1769 MB, the compute function's). */
  memoryMb?: number;
}

interface Job {
  request: WorkerRequest;
  resolve: (result: APIGatewayProxyResultV2) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

const SOURCE_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(SOURCE_DIR, '..', '..', '..');
const RETRY_AFTER_SECONDS = 2;

/** A bounded pool of request workers running the bundled handlers. */
export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private closed = false;
  private readonly size: number;
  private readonly queueLimit: number;
  private readonly timeoutMs: number;
  private readonly memoryMb: number;

  private constructor(
    private readonly bundle: string,
    options: WorkerPoolOptions,
  ) {
    this.size = options.size ?? 4;
    this.queueLimit = options.queueLimit ?? 64;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.memoryMb = options.memoryMb ?? 1769;
    for (let i = 0; i < Math.min(options.warm ?? 2, this.size); i += 1) this.spawn();
  }

  /**
   * Bundles the handlers (under node_modules/.cache, where the external AWS SDK resolves; a folder
   * of its own per pool) and starts the warm workers. Call after the environment is set: workers
   * copy it when they start.
   */
  static async start(options: WorkerPoolOptions = {}): Promise<WorkerPool> {
    const outfile = join(REPO_ROOT, 'node_modules', '.cache', 'mubiao-local', randomUUID(), 'apiWorker.mjs');
    await bundleLikeLambda(join(SOURCE_DIR, 'apiWorker.ts'), outfile);
    return new WorkerPool(outfile, options);
  }

  /** Runs a request on a free worker (or queues it) and resolves with the handler's answer, never rejects. */
  run(request: WorkerRequest): Promise<APIGatewayProxyResultV2> {
    return new Promise((resolveJob) => {
      const job: Job = { request, resolve: resolveJob };
      if (this.closed) return resolveJob(refusal(503, 'server_stopping', '本地服务正在停止。'));
      const idle = [...this.slots].find((slot) => slot.job === null);
      if (idle) return this.dispatch(idle, job);
      if (this.slots.size < this.size) return this.dispatch(this.spawn(), job);
      if (this.queue.length >= this.queueLimit) {
        return resolveJob(refusal(503, 'server_busy', `本地服务繁忙（${this.size} 个请求正在处理，${this.queue.length} 个在排队），请稍后重试。`));
      }
      this.queue.push(job);
    });
  }

  /** Stops every worker and removes the bundle; queued requests get 503. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(refusal(503, 'server_stopping', '本地服务正在停止。'));
    await Promise.all([...this.slots].map((slot) => slot.worker.terminate()));
    this.slots.clear();
    rmSync(dirname(this.bundle), { recursive: true, force: true });
  }

  private spawn(): Slot {
    const worker = new Worker(this.bundle, {
      env: { ...process.env },
      workerData: { mark: API_WORKER_MARK },
      execArgv: ['--enable-source-maps'],
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb },
    });
    const slot: Slot = { worker, job: null };
    // A worker with nothing to do must not keep the process alive.
    worker.unref();
    worker.on('error', (error) => this.fail(slot, error));
    worker.on('exit', (code) => this.fail(slot, new Error(`exit code ${code}`)));
    this.slots.add(slot);
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    const timer = setTimeout(() => {
      this.retire(slot);
      const seconds = Math.round(this.timeoutMs / 1000);
      job.resolve(refusal(504, 'function_timeout', `请求处理超过 ${seconds} 秒的时限，已中止（与云端函数的时限一样）。请稍后重试；如果工作簿很大，请减少无关的数据。`));
    }, this.timeoutMs);
    slot.worker.once('message', (answer: WorkerAnswer) => {
      clearTimeout(timer);
      slot.job = null;
      job.resolve('result' in answer ? answer.result : refusal(500, 'internal_error', `本地服务出错：${answer.error}`));
      this.next(slot);
    });
    slot.worker.postMessage(job.request);
  }

  /** A worker died (out of memory, crashed): its request, if any, is answered 502, and it is replaced when needed. */
  private fail(slot: Slot, error: Error): void {
    if (!this.slots.delete(slot)) return;
    const job = slot.job;
    slot.job = null;
    if (job) {
      const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      const reason = outOfMemory ? `内存超过 ${this.memoryMb} MB 的上限` : error.message;
      job.resolve(refusal(502, 'function_failed', `处理请求的函数异常退出（${reason}），请求没有完成。请稍后重试。`));
    }
    const waiting = this.queue.shift();
    if (waiting && !this.closed) this.dispatch(this.spawn(), waiting);
  }

  /** Stops a worker that ran out of time; the next request gets a fresh one. */
  private retire(slot: Slot): void {
    slot.job = null;
    this.slots.delete(slot);
    void slot.worker.terminate();
    const waiting = this.queue.shift();
    if (waiting && !this.closed) this.dispatch(this.spawn(), waiting);
  }

  private next(slot: Slot): void {
    const waiting = this.queue.shift();
    if (waiting) this.dispatch(slot, waiting);
  }
}

function refusal(statusCode: number, code: string, message: string): APIGatewayProxyResultV2 {
  const retry = statusCode === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : undefined;
  return errorResponse(new HttpError(statusCode, code, message, {}, retry));
}
