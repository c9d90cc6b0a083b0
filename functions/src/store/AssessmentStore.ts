import { randomUUID } from 'node:crypto';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { CorrectionDiff } from '../domain/correction.js';
import { countIssues } from '../domain/issueCap.js';
import type { AssessmentResult, MonthRow } from '../domain/types.js';
import type { Role } from '../auth/roles.js';
import { deleteChunks, isChunkPut, packJson, pendingChunks, unpackJson, writeChunks } from './blobs.js';
import { sha256 } from './digest.js';
import { StoreContentionError, cancellationReasons } from './storeErrors.js';

/** A transaction item as the document client takes it. */
export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** Who did something. */
export interface Actor {
  oid: string;
  role: Role;
}

/** The figures of a run that lists and histories show without loading the result. */
export interface RunSummary {
  errors: number;
  warnings: number;
  villages: number;
  groups: number;
  /** Name of the village ranked first (month score), null when invalid. */
  firstVillage: string | null;
  lastVillage: string | null;
}

export type RunStatus = AssessmentResult['status'];
/** `finalized_month_changed` is an invalid run refused because a 定稿 month's entries changed. */
export type RunOutcome = 'ok' | 'invalid' | 'finalized_month_changed';

/** A stored run as the month state points at it. */
export interface RunRef {
  runId: string;
  sk: string;
  at: string;
  by: string;
  status: RunStatus;
  outcome: RunOutcome;
  /** Digest of the month's input rows (each row hashed, then the list hashed). */
  rowsDigest: string;
  rowCount: number;
  summary: RunSummary;
}

/** The 定稿 of a month: which run, by whom, when. */
export interface Finalization extends RunRef {
  finalizedBy: string;
  finalizedByRole: Role;
  finalizedAt: string;
}

/** A correction (更正) opened on a finalised month and not yet approved. */
export interface OpenCorrection {
  /** The version its approval makes. */
  version: number;
  reason: string;
  openedBy: string;
  openedByRole: Role;
  openedAt: string;
}

/**
 * The state of one town's month: draft until finalised (定稿, version 1); a 秘书 may then open a
 * correction (更正中) whose approval by 书记 or 镇长 makes the next version.
 */
export interface MonthState {
  town: string;
  month: string;
  state: 'draft' | 'final' | 'correcting';
  /** Incremented by every write; conditional writes compare it (optimistic locking). */
  version: number;
  latestRun: RunRef;
  /** The current finalised version (kept while a correction is open). */
  finalized: Finalization | null;
  /** How many versions were finalised (0 before the 定稿). */
  finalVersion: number;
  correction: OpenCorrection | null;
}

/** One finalised version of a month; never changes once written. */
export interface MonthVersion {
  town: string;
  month: string;
  version: number;
  finalized: Finalization;
  /** Null for version 1; for a correction: who opened it and why, what changed, and its 通报. */
  correction: (OpenCorrection & { diff: CorrectionDiff; bulletin: string[] }) | null;
}

/** An input row of the month as stored, with its digest. */
export interface StoredMonthRow extends MonthRow {
  digest: string;
}

/** One entry of the append-only audit trail. */
export interface AuditEntry {
  at: string;
  actor: string;
  role?: Role;
  action: string;
  month?: string;
  runId?: string;
  outcome?: string;
  detail?: Record<string, unknown>;
}

export interface NewRun {
  runId: string;
  town: string;
  month: string | null;
  actor: Actor;
  inputDigest: string;
  result: AssessmentResult;
  monthRows: MonthRow[];
  outcome: RunOutcome;
  /** What the computation was based on (null without a month); the write fails if it changed meanwhile. */
  expected: YearView | null;
  /** Written in the same transaction (the idempotency record's answer). */
  extraWrites?: TransactItem[];
}

export interface FinalizeRequest {
  town: string;
  month: string;
  actor: Actor;
  /** The run the caller reviewed; when given it must still be the latest run. */
  runId?: string;
  /**
   * For the approval of a correction: the differences from the current version to the latest
   * run and the 通报 naming the approver (`at` is the approval's time).
   */
  describeCorrection?: (state: MonthState, at: string) => Promise<{ diff: CorrectionDiff; bulletin: string[] }>;
  /** Written in the same transaction as the outcome (the idempotency record's answer). */
  extraWrites?: (outcome: FinalizeOutcome) => TransactItem[];
}

export interface FinalizeOutcome {
  /** True for the one call that made the 定稿; false for every repeat. */
  created: boolean;
  state: MonthState;
}

/**
 * What a computation of one month depends on in the store: that month's state, and every 定稿
 * of the same year (an edit of a finalised January changes April's year-to-date figures too).
 * `finalizations` counts the year's 定稿 so a run can be written only if none happened meanwhile.
 */
export interface YearView {
  town: string;
  month: string;
  state: MonthState | null;
  finalizedMonths: Finalization[];
  finalizations: number;
}

/** The month or year changed between reading it and writing a run; read again and retry. */
export class MonthChangedError extends Error {
  override readonly name = 'MonthChangedError';
}

/**
 * Finalising is refused: nothing computed, the latest run has errors, the reviewed run is
 * outdated, a correction was not recomputed yet, or a 秘书 tried to approve a correction.
 */
export class FinalizeRefusedError extends Error {
  override readonly name = 'FinalizeRefusedError';

  constructor(
    readonly reason: 'no_run' | 'latest_invalid' | 'run_outdated' | 'correction_not_computed' | 'approval_required',
    readonly state: MonthState | null,
  ) {
    super(reason);
  }
}

/** Opening a correction is refused: the month is not finalised, a correction is open, or a later month is final. */
export class CorrectionRefusedError extends Error {
  override readonly name = 'CorrectionRefusedError';

  constructor(
    readonly reason: 'not_finalized' | 'already_open' | 'later_month_final',
    readonly state: MonthState | null,
    /** For `later_month_final`: the finalised later months. */
    readonly laterMonths: string[] = [],
  ) {
    super(reason);
  }
}

/** A transaction item other than the month state failed its condition (an idempotency claim lost). */
export class ConcurrentRequestError extends Error {
  override readonly name = 'ConcurrentRequestError';
}

const MAX_FINALIZE_ATTEMPTS = 30;
const FINALIZED_CACHE_SIZE = 64;
const finalizedRowsCache = new Map<string, StoredMonthRow[]>();

/**
 * Runs, month states and the audit trail of every town in the single table (see tableSchema.ts).
 * Runs and audit entries are only ever added; a month state changes by conditional writes only.
 */
export class AssessmentStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The state of a month, or null when nothing was computed for it yet. */
  async getMonth(town: string, month: string): Promise<MonthState | null> {
    const answer = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: monthKey(town, month), ConsistentRead: true }),
    );
    return answer.Item ? toMonthState(answer.Item) : null;
  }

  /** The state of `month` and the 定稿 of every month of its year. */
  async readYear(town: string, month: string): Promise<YearView> {
    const year = month.slice(0, 4);
    const [months, counter] = await Promise.all([
      this.listMonths(town, year),
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: yearKey(town, year), ConsistentRead: true })),
    ]);
    return {
      town,
      month,
      state: months.find((m) => m.month === month) ?? null,
      finalizedMonths: months.flatMap((m) => (m.state === 'final' && m.finalized ? [m.finalized] : [])),
      finalizations: Number(counter.Item?.finalizations ?? 0),
    };
  }

  /**
   * The input rows stored at 定稿 of the given months, each run checked against its stored
   * digest. Finalised runs never change, so they are cached for the life of the process.
   */
  async loadFinalizedRows(town: string, finalized: readonly Finalization[]): Promise<StoredMonthRow[]> {
    const lists = await Promise.all(
      finalized.map(async (run) => {
        const cached = finalizedRowsCache.get(run.runId);
        if (cached) return cached;
        const { rows } = await this.loadRun(town, run);
        if (digestRows(rows) !== run.rowsDigest) throw new Error(`stored rows of run ${run.runId} do not match their digest`);
        if (finalizedRowsCache.size >= FINALIZED_CACHE_SIZE) finalizedRowsCache.clear();
        finalizedRowsCache.set(run.runId, rows);
        return rows;
      }),
    );
    return lists.flat();
  }

  /** The result of a stored run. */
  async loadResult(town: string, run: RunRef): Promise<AssessmentResult> {
    return (await this.loadRun(town, run)).result;
  }

  /**
   * Stores a run, points the month at it and appends the audit entry, all in one transaction
   * (a large result's chunks are written just before it; see blobs.ts).
   * Throws {@link MonthChangedError} when the month state is no longer `expected`.
   */
  async saveRun(run: NewRun): Promise<{ run: RunRef; state: MonthState | null }> {
    const at = this.now().toISOString();
    const rows = withDigests(run.monthRows);
    const ref: RunRef = {
      runId: run.runId,
      sk: `RUN#${run.month ?? 'none'}#${at}#${run.runId}`,
      at,
      by: run.actor.oid,
      status: run.result.status,
      outcome: run.outcome,
      rowsDigest: listDigest(rows),
      rowCount: rows.length,
      summary: summarize(run.result),
    };
    const payload = packJson({ result: run.result, rows }, 'payload', { pk: townKey(run.town), sk: ref.sk });
    const extra = run.extraWrites ?? [];
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            pk: townKey(run.town),
            type: 'run',
            town: run.town,
            month: run.month,
            createdByRole: run.actor.role,
            inputDigest: run.inputDigest,
            monthFinalized: run.expected?.state?.state === 'final',
            ...ref,
            ...payload.attributes,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...payload.chunkItems.map((item) => ({ Put: { TableName: this.tableName, Item: item } })),
    ];
    let state: MonthState | null = null;
    const guarded: number[] = [];
    if (run.month !== null && run.expected) {
      const before = run.expected.state;
      state = before
        ? { ...before, version: before.version + 1, latestRun: ref }
        : { town: run.town, month: run.month, state: 'draft', version: 1, latestRun: ref, finalized: null, finalVersion: 0, correction: null };
      guarded.push(items.length, items.length + 1);
      items.push(this.monthWrite(state, before?.version ?? null), {
        ConditionCheck: {
          TableName: this.tableName,
          Key: yearKey(run.town, run.month.slice(0, 4)),
          ConditionExpression: 'attribute_not_exists(pk) OR finalizations = :seen',
          ExpressionAttributeValues: { ':seen': run.expected.finalizations },
        },
      });
    }
    items.push(
      this.auditPut(run.town, at, {
        at,
        actor: run.actor.oid,
        role: run.actor.role,
        action: 'compute',
        month: run.month ?? undefined,
        runId: run.runId,
        outcome: run.outcome,
        detail: { inputDigest: run.inputDigest, rowsDigest: ref.rowsDigest, errors: ref.summary.errors },
      }),
      ...extra,
    );
    await this.transact(items, guarded, () => new MonthChangedError());
    return { run: ref, state };
  }

  /**
   * Finalises the month's latest run (定稿, version 1), or approves its open correction (version
   * n+1; 书记 or 镇长 only). Race-safe and idempotent: the state flips to final under a version
   * condition, so of any number of concurrent calls exactly one gets `created: true`; every call,
   * winner or not, appends its audit entry.
   */
  async finalize(request: FinalizeRequest): Promise<FinalizeOutcome> {
    return this.retryWhileMonthChanges(`finalize of ${request.town} ${request.month}`, async () => {
      const current = await this.getMonth(request.town, request.month);
      if (!current) throw new FinalizeRefusedError('no_run', null);
      const at = this.now().toISOString();
      const audit = (action: string, runId: string) =>
        this.auditPut(request.town, at, {
          at,
          actor: request.actor.oid,
          role: request.actor.role,
          action,
          month: request.month,
          runId,
          ...(request.runId ? { detail: { requestedRunId: request.runId } } : {}),
        });
      if (current.state === 'final' && current.finalized) {
        const outcome: FinalizeOutcome = { created: false, state: current };
        await this.transact([audit('finalize_repeat', current.finalized.runId), ...(request.extraWrites?.(outcome) ?? [])], [], () => new MonthChangedError());
        return outcome;
      }
      const correcting = current.state === 'correcting' ? current.correction : null;
      if (correcting && !['书记', '镇长'].includes(request.actor.role)) throw new FinalizeRefusedError('approval_required', current);
      if (request.runId !== undefined && request.runId !== current.latestRun.runId) {
        throw new FinalizeRefusedError('run_outdated', current);
      }
      if (correcting && current.latestRun.at < correcting.openedAt) throw new FinalizeRefusedError('correction_not_computed', current);
      if (current.latestRun.status !== 'ok') throw new FinalizeRefusedError('latest_invalid', current);
      const finalized: Finalization = { ...current.latestRun, finalizedBy: request.actor.oid, finalizedByRole: request.actor.role, finalizedAt: at };
      const state: MonthState = { ...current, state: 'final', version: current.version + 1, finalized, finalVersion: current.finalVersion + 1, correction: null };
      let correction: MonthVersion['correction'] = null;
      if (correcting) {
        if (!request.describeCorrection) throw new Error('approving a correction needs describeCorrection');
        correction = { ...correcting, ...(await request.describeCorrection(current, at)) };
      }
      const outcome: FinalizeOutcome = { created: true, state };
      const version: MonthVersion = { town: request.town, month: request.month, version: state.finalVersion, finalized, correction };
      await this.transact(
          [
            this.monthWrite(state, current.version),
            {
              Update: {
                TableName: this.tableName,
                Key: yearKey(request.town, request.month.slice(0, 4)),
                UpdateExpression: 'ADD finalizations :one SET #type = :type',
                ExpressionAttributeNames: { '#type': 'type' },
                ExpressionAttributeValues: { ':one': 1, ':type': 'year' },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...versionKey(request.town, request.month, version.version), type: 'version', ...version },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            audit(correcting ? 'correction_approve' : 'finalize', current.latestRun.runId),
            ...(request.extraWrites?.(outcome) ?? []),
          ],
          // The version item exists when a concurrent approval won: the same lost race as the month's.
          [0, 2],
          () => new MonthChangedError(),
        );
      return outcome;
    });
  }

  /**
   * Opens a correction (更正) of a finalised month: the month becomes 更正中 and its computes are
   * drafts of the next version. Refused while a later month of the year is final, since its
   * year-to-date figures include this month (correct that month first).
   */
  async openCorrection(request: { town: string; month: string; actor: Actor; reason: string }): Promise<MonthState> {
    return this.retryWhileMonthChanges(`correction of ${request.town} ${request.month}`, async () => {
      const months = await this.listMonths(request.town, request.month.slice(0, 4));
      const current = months.find((m) => m.month === request.month) ?? null;
      if (!current || current.state === 'draft' || !current.finalized) throw new CorrectionRefusedError('not_finalized', current);
      if (current.state === 'correcting') throw new CorrectionRefusedError('already_open', current);
      const later = months.filter((m) => m.month > request.month && m.state === 'final').map((m) => m.month);
      if (later.length > 0) throw new CorrectionRefusedError('later_month_final', current, later);
      const at = this.now().toISOString();
      const correction: OpenCorrection = {
        version: current.finalVersion + 1,
        reason: request.reason,
        openedBy: request.actor.oid,
        openedByRole: request.actor.role,
        openedAt: at,
      };
      const state: MonthState = { ...current, state: 'correcting', version: current.version + 1, correction };
      await this.transact(
          [
            this.monthWrite(state, current.version),
            this.auditPut(request.town, at, {
              at,
              actor: request.actor.oid,
              role: request.actor.role,
              action: 'correction_open',
              month: request.month,
              detail: { version: correction.version, reason: request.reason },
            }),
          ],
          [0],
          () => new MonthChangedError(),
        );
      return state;
    });
  }

  /** Runs `attempt` again after each {@link MonthChangedError} (a lost race), pausing a little longer each time. */
  private async retryWhileMonthChanges<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    for (let n = 0; n < MAX_FINALIZE_ATTEMPTS; n += 1) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof MonthChangedError)) throw error;
        await sleep(5 + Math.random() * 20 * Math.min(n + 1, 5));
      }
    }
    throw new StoreContentionError(`${what} kept conflicting`);
  }

  /** The finalised versions of a town's months (of one year, or one month, when given), oldest first. */
  async listVersions(town: string, monthOrYear = ''): Promise<MonthVersion[]> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': townKey(town), ':prefix': `VERSION#${monthOrYear}` },
    });
    return items.map((item) => {
      const { pk: _pk, sk: _sk, type: _type, ...version } = item;
      return version as unknown as MonthVersion;
    });
  }

  /** Month states of a town, oldest first; of one year when given. */
  async listMonths(town: string, year?: string): Promise<MonthState[]> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': townKey(town), ':prefix': `MONTH#${year === undefined ? '' : `${year}-`}` },
    });
    return items.map(toMonthState);
  }

  /** The audit trail of a town's month, oldest first. */
  async listAudit(town: string, month: string): Promise<AuditEntry[]> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': townKey(town), ':prefix': `AUDIT#${month}#` },
    });
    return items.map(toAuditEntry);
  }

  /**
   * The latest `max` entries of a month's audit trail (oldest first, as {@link listAudit}) and how
   * many it holds in all: the trail only grows, so an answer lists a bounded part of it.
   */
  async latestAudit(town: string, month: string, max: number): Promise<{ entries: AuditEntry[]; total: number }> {
    const query = {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': townKey(town), ':prefix': `AUDIT#${month}#` },
      ConsistentRead: true,
    };
    const newest: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new QueryCommand({ ...query, ScanIndexForward: false, Limit: max - newest.length, ExclusiveStartKey: startKey }));
      newest.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey && newest.length < max);
    let total = newest.length;
    // Counted, not read: a count query returns no items.
    while (startKey) {
      const page = await this.doc.send(new QueryCommand({ ...query, ScanIndexForward: false, Select: 'COUNT', ExclusiveStartKey: startKey }));
      total += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    }
    return { entries: newest.reverse().map(toAuditEntry), total };
  }

  /** Runs of a town's month (or of runs without a month: `none`), oldest first, without results. */
  async listRuns(town: string, month: string): Promise<(RunRef & { inputDigest: string })[]> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': townKey(town), ':prefix': `RUN#${month}#` },
      ProjectionExpression: 'runId, sk, #at, #by, #status, outcome, rowsDigest, rowCount, summary, inputDigest',
      ExpressionAttributeNames: { '#at': 'at', '#by': 'by', '#status': 'status' },
    });
    return items as unknown as (RunRef & { inputDigest: string })[];
  }

  /** The result of a stored run and the input rows it was computed from. */
  async loadRun(town: string, run: RunRef): Promise<{ result: AssessmentResult; rows: StoredMonthRow[] }> {
    const answer = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: townKey(town), sk: run.sk }, ConsistentRead: true }),
    );
    if (!answer.Item) throw new Error(`run ${run.runId} of ${town} is missing`);
    return unpackJson(this.doc, this.tableName, answer.Item, 'payload', `run#${run.runId}`);
  }

  private monthWrite(state: MonthState, expectedVersion: number | null): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...monthKey(state.town, state.month), type: 'month', ...state },
        ConditionExpression: expectedVersion === null ? 'attribute_not_exists(pk)' : 'version = :version',
        ExpressionAttributeValues: expectedVersion === null ? undefined : { ':version': expectedVersion },
      },
    };
  }

  private auditPut(town: string, at: string, entry: AuditEntry): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { pk: townKey(town), sk: `AUDIT#${entry.month ?? 'none'}#${at}#${randomUUID()}`, type: 'audit', ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /**
   * Runs a transaction; a failed condition on a `guarded` item becomes `onGuardFailed()`, a
   * failed condition elsewhere (the idempotency claim) a {@link ConcurrentRequestError}, and a
   * conflict with another transaction the guard error too, so callers re-read and retry.
   * Chunk puts among `all` are written first, outside the transaction (`guarded` indexes still
   * count them), with a TTL that the transaction removes; a cancelled transaction deletes them
   * again, and when the outcome is unknown (a timeout) the TTL does unless it landed.
   */
  private async transact(all: TransactItem[], guarded: readonly number[], onGuardFailed: () => Error): Promise<void> {
    const { written: chunks, claims } = pendingChunks(this.tableName, all.filter(isChunkPut).map((item) => item.Put!.Item!), Math.floor(this.now().getTime() / 1000));
    // Where each item sent in the transaction stands in `all`, to read the cancellation reasons
    // (the chunks' claims come last and stand nowhere in it).
    const positions = all.flatMap((item, index) => (isChunkPut(item) ? [] : [index]));
    if (chunks.length > 0) await writeChunks(this.doc, this.tableName, chunks);
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: [...positions.map((index) => all[index]!), ...claims] }));
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      // Cancelled: certainly not applied, so no owner will ever point at the chunks.
      if (chunks.length > 0) await deleteChunks(this.doc, this.tableName, chunks).catch(() => undefined);
      const isGuarded = (index: number) => guarded.includes(positions[index]!);
      if (reasons.some((code, index) => code === 'ConditionalCheckFailed' && !isGuarded(index))) {
        throw new ConcurrentRequestError('a conditional item other than the month state failed');
      }
      if (guarded.length > 0 && (reasons.some((code, index) => code === 'ConditionalCheckFailed' && isGuarded(index)) || reasons.includes('TransactionConflict'))) {
        throw onGuardFailed();
      }
      if (reasons.includes('TransactionConflict')) throw new StoreContentionError('transaction conflict');
      throw error;
    }
  }

  private async queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

/** Digest of one input row: month, sheet, row number and its cells in address order (with key and labels when keyed). */
export function digestRow(row: MonthRow): string {
  const sorted = (record: Record<string, string>) => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const keyed = row.key === undefined ? [] : [row.key, sorted(row.labels ?? {})];
  return sha256(JSON.stringify([row.month, row.sheet, row.row, sorted(row.cells), ...keyed]));
}

/** Digest of a month's rows: the row digests in sheet and row order, hashed together. */
export function digestRows(rows: readonly MonthRow[]): string {
  return listDigest(withDigests(rows));
}

/** The list digest of rows already digested and in order (a run's rows are digested once). */
function listDigest(rows: readonly StoredMonthRow[]): string {
  return sha256(rows.map((row) => row.digest).join('\n'));
}

function withDigests(rows: readonly MonthRow[]): StoredMonthRow[] {
  return [...rows]
    .sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet < b.sheet ? -1 : 1))
    .map((row) => ({
      month: row.month,
      sheet: row.sheet,
      row: row.row,
      cells: row.cells,
      ...(row.key === undefined ? {} : { key: row.key, labels: row.labels }),
      digest: digestRow(row),
    }));
}

function summarize(result: AssessmentResult): RunSummary {
  const ranked = [...result.villages].sort((a, b) => a.monthRank - b.monthRank);
  // A result whose list was cut carries the totals of the whole list.
  const totals = result.issueTotals ?? countIssues(result.issues);
  return {
    errors: totals.errors,
    warnings: totals.warnings,
    villages: result.villages.length,
    groups: result.groups.length,
    firstVillage: ranked[0]?.village ?? null,
    lastVillage: ranked.at(-1)?.village ?? null,
  };
}

function townKey(town: string): string {
  return `TOWN#${town}`;
}

function yearKey(town: string, year: string): { pk: string; sk: string } {
  return { pk: townKey(town), sk: `YEAR#${year}` };
}

function monthKey(town: string, month: string): { pk: string; sk: string } {
  return { pk: townKey(town), sk: `MONTH#${month}` };
}

function versionKey(town: string, month: string, version: number): { pk: string; sk: string } {
  return { pk: townKey(town), sk: `VERSION#${month}#${String(version).padStart(3, '0')}` };
}

function toMonthState(item: Record<string, unknown>): MonthState {
  return {
    town: String(item.town),
    month: String(item.month),
    state: item.state === 'final' || item.state === 'correcting' ? item.state : 'draft',
    version: Number(item.version),
    latestRun: item.latestRun as RunRef,
    finalized: (item.finalized as Finalization | undefined) ?? null,
    // Months finalised before versions were kept are at version 1.
    finalVersion: Number(item.finalVersion ?? (item.finalized ? 1 : 0)),
    correction: (item.correction as OpenCorrection | undefined) ?? null,
  };
}

function toAuditEntry(item: Record<string, unknown>): AuditEntry {
  const { pk: _pk, sk: _sk, type: _type, ...entry } = item;
  return entry as unknown as AuditEntry;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
