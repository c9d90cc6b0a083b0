/**
 * Stands in for office.js in Chromium: an `Office` whose host is Excel, with document settings,
 * and an `Excel` backed by the in-memory Excel fake holding `window.__grids`. Bundled with
 * esbuild by the browser tests and served in place of office/office.js.
 */
import type { Grid } from '../../functions/src/domain/types.js';
import { FakeExcel } from '../addin/excelFake.js';

declare global {
  interface Window {
    __grids: Grid[];
    __fake: FakeExcel;
    /** The ribbon functions the pane's page registered, by name. */
    __actions: Record<string, (event: { completed(): void }) => void>;
    /** How often a command asked to open the task pane. */
    __paneOpened: number;
  }
}

const fake = FakeExcel.fromGrids(window.__grids);
window.__fake = fake;
window.__actions = {};
window.__paneOpened = 0;

const settings = new Map<string, unknown>();
const succeeded = { status: 'succeeded' };
const info = { host: 'Excel', platform: 'OfficeOnline' };

Object.assign(window, {
  Excel: { run: fake.run },
  Office: {
    HostType: { Excel: 'Excel' },
    DocumentMode: { ReadOnly: 'readOnly', ReadWrite: 'readWrite' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    onReady: (callback?: (i: typeof info) => void) => {
      callback?.(info);
      return Promise.resolve(info);
    },
    context: {
      document: {
        mode: 'readWrite',
        settings: {
          get: (key: string) => settings.get(key) ?? null,
          set: (key: string, value: unknown) => void settings.set(key, value),
          saveAsync: (callback?: (result: typeof succeeded) => void) => callback?.(succeeded),
        },
      },
      requirements: { isSetSupported: () => true },
    },
    addin: {
      showAsTaskpane: () => {
        window.__paneOpened += 1;
        return Promise.resolve();
      },
    },
    actions: {
      associate: (name: string, action: (event: { completed(): void }) => void) => {
        window.__actions[name] = action;
      },
    },
  },
});
