/**
 * Hands the latest run from the ribbon commands to the task pane of the same workbook. With a
 * shared runtime (SharedRuntime 1.1: Excel 2021 and later, Microsoft 365, the web) ribbon and pane
 * run in one page per workbook, so the run stays in memory. Without it (Excel 2019) the run goes
 * into the document's settings, which belong to this workbook alone: the pane reads them when it
 * opens and again (refreshAsync) when it gets the focus back. Never origin-wide storage, which
 * every open workbook and every earlier session would share.
 */
import type { RunOutcome } from './assessment.js';

const KEY = 'kh.lastOutcome';

/** A run as the pane shows it, with when it finished and which view it asks for. */
export interface StoredOutcome {
  at: string;
  outcome: RunOutcome;
  /** The view the pane should open on. */
  view: 'issues' | 'results';
}

/** Where the ribbon leaves its latest run for the pane. */
export interface OutcomeChannel {
  /** Whether ribbon and pane share one runtime (the pane can be opened from a command). */
  readonly shared: boolean;
  store(stored: StoredOutcome): Promise<void>;
  /** The latest run of this workbook, if any. */
  load(): StoredOutcome | null;
  /** Calls `listener` with every later run; returns the unsubscribe. */
  subscribe(listener: (stored: StoredOutcome) => void): () => void;
}

/** Issues kept when the whole run does not fit into the document's settings. */
export const TRIMMED_ISSUES = 500;

/**
 * Bytes of a run kept in the document's settings: an add-in's settings are limited to 2 MB
 * (https://learn.microsoft.com/office/dev/add-ins/develop/persisting-add-in-state-and-settings),
 * shared with the add-in's other settings.
 */
export const SETTINGS_BUDGET_BYTES = 1_000_000;

/** The run in memory: one shared runtime per workbook, so per workbook. */
export function memoryChannel(): OutcomeChannel {
  let latest: StoredOutcome | null = null;
  const listeners = new Set<(stored: StoredOutcome) => void>();
  return {
    shared: true,
    store: async (stored) => {
      latest = stored;
      for (const listener of listeners) listener(stored);
    },
    load: () => latest,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The run with its first {@link TRIMMED_ISSUES} issues only when its JSON is over the budget. */
function fitted(stored: StoredOutcome): string {
  const whole = JSON.stringify(stored);
  if (new TextEncoder().encode(whole).length <= SETTINGS_BUDGET_BYTES) return whole;
  const { outcome } = stored;
  return JSON.stringify({ ...stored, outcome: { ...outcome, result: { ...outcome.result, issues: outcome.result.issues.slice(0, TRIMMED_ISSUES) } } });
}

const parse = (value: unknown): StoredOutcome | null => {
  if (typeof value !== 'string') return null;
  try {
    return JSON.parse(value) as StoredOutcome;
  } catch {
    return null;
  }
};

/** The part of `Office.context.document.settings` the channel uses. */
export type DocumentSettings = Pick<Office.Settings, 'get' | 'set' | 'saveAsync' | 'refreshAsync'>;

/**
 * The run in the document's settings (no shared runtime). `refresh` re-reads them and tells the
 * listeners of a run they have not seen; the pane calls it when it gets the focus back.
 */
export function documentChannel(settings: DocumentSettings): OutcomeChannel & { refresh(): Promise<void> } {
  const listeners = new Set<(stored: StoredOutcome) => void>();
  let seen = parse(settings.get(KEY))?.at ?? null;
  return {
    shared: false,
    store: (stored) =>
      new Promise((resolve, reject) => {
        settings.set(KEY, fitted(stored));
        settings.saveAsync((result) =>
          result.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(new Error(result.error?.message ?? '设置保存失败')),
        );
      }),
    load: () => parse(settings.get(KEY)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    refresh: () =>
      new Promise((resolve) => {
        settings.refreshAsync(() => {
          const latest = parse(settings.get(KEY));
          if (latest && latest.at !== seen) {
            seen = latest.at;
            for (const listener of listeners) listener(latest);
          }
          resolve();
        });
      }),
  };
}

/** Whether the host runs ribbon and pane in one shared runtime. */
export const hasSharedRuntime = (): boolean => Office.context.requirements.isSetSupported('SharedRuntime', '1.1');

/** The channel of this host: memory in a shared runtime, the document's settings otherwise (refreshed on focus). */
export function outcomeChannel(): OutcomeChannel {
  if (hasSharedRuntime()) return memoryChannel();
  const channel = documentChannel(Office.context.document.settings);
  if (typeof window !== 'undefined') window.addEventListener('focus', () => void channel.refresh());
  return channel;
}
