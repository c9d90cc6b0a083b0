/**
 * Hands the latest run from the ribbon commands to the task pane. The two run in separate
 * pages of the same origin, so the run goes through localStorage and its `storage` event.
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

/** Issues kept when the whole run does not fit into the browser's storage. */
const TRIMMED_ISSUES = 500;

/** Stores the run for the pane; a run too large for storage keeps its first issues only. */
export function storeOutcome(stored: StoredOutcome, storage: Storage = localStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(stored));
  } catch {
    const { outcome } = stored;
    const trimmed = { ...outcome, result: { ...outcome.result, issues: outcome.result.issues.slice(0, TRIMMED_ISSUES) } };
    storage.setItem(KEY, JSON.stringify({ ...stored, outcome: trimmed }));
  }
}

/** The latest stored run, if any. */
export function loadOutcome(storage: Storage = localStorage): StoredOutcome | null {
  const text = storage.getItem(KEY);
  if (!text) return null;
  try {
    return JSON.parse(text) as StoredOutcome;
  } catch {
    return null;
  }
}

/** Calls `listener` whenever another page of the add-in stores a run; returns the unsubscribe. */
export function onOutcome(listener: (stored: StoredOutcome) => void): () => void {
  const handler = (event: StorageEvent) => {
    if (event.key !== KEY || !event.newValue) return;
    try {
      listener(JSON.parse(event.newValue) as StoredOutcome);
    } catch {
      // A half-written value from another page: the next event carries the whole one.
    }
  };
  window.addEventListener('storage', handler);
  return () => window.removeEventListener('storage', handler);
}
