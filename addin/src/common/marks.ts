/**
 * Named performance marks (`kh:<step>`) on the way of a run, for `npm run bench` to split what a
 * user waits for into reading, asking the service and writing. They change nothing else.
 */

/** The steps marked: a file dropped and read, a run started, sent, answered and written. */
export type MarkName = 'open' | 'opened' | 'run' | 'send' | 'answered' | 'written';

/** Leaves the mark `kh:<name>` on the page's timeline, where there is one. */
export function mark(name: MarkName): void {
  globalThis.performance?.mark?.(`kh:${name}`);
}
