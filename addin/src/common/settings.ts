/**
 * The add-in's settings: API address, town and month. In Excel they live in the document's
 * settings (they travel with the workbook); in the browser in localStorage.
 */
import { runtimeConfig } from './runtimeConfig.js';

export interface Settings {
  /** Base address of the HTTP API. */
  apiUrl: string;
  /** 乡镇; empty means the workbook's 参数 乡镇. */
  town: string;
  /** `YYYY-MM`; empty means the workbook's 参数 考核月份. */
  month: string;
}

export interface SettingsStore {
  load(): Settings;
  save(settings: Settings): Promise<void>;
}

const KEYS = { apiUrl: 'kh.apiUrl', town: 'kh.town', month: 'kh.month' } as const satisfies Record<keyof Settings, string>;

/**
 * The API address unless the user saved one: the deployment's config.json, else the build's, else the page's
 * own origin (where `npm start` serves both). The deployment wins over the build: it is the deployment's truth.
 */
export function defaultApiUrl(): string {
  const configured = runtimeConfig()?.apiBaseUrl || import.meta.env?.VITE_API_URL;
  if (configured) return configured;
  return typeof location === 'undefined' ? '' : location.origin;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** What is stored for a field: the default address as empty, so that it keeps following the deployment. */
const stored = (settings: Settings, field: keyof Settings): string =>
  field === 'apiUrl' && settings.apiUrl === defaultApiUrl() ? '' : settings[field];

function fromValues(get: (key: string) => unknown): Settings {
  return {
    apiUrl: text(get(KEYS.apiUrl)) || defaultApiUrl(),
    town: text(get(KEYS.town)),
    month: text(get(KEYS.month)),
  };
}

/** Settings kept in the open document (`Office.context.document.settings`). */
export function documentSettings(): SettingsStore {
  const store = Office.context.document.settings;
  return {
    load: () => fromValues((key) => store.get(key)),
    save: (settings) =>
      new Promise((resolve, reject) => {
        for (const [field, key] of Object.entries(KEYS)) store.set(key, stored(settings, field as keyof Settings));
        store.saveAsync((result) =>
          result.status === Office.AsyncResultStatus.Succeeded
            ? resolve()
            : reject(new Error(`设置保存失败：${result.error?.message ?? '未知原因'}`)),
        );
      }),
  };
}

/** Settings kept in the browser (browser mode, where there is no document). */
export function browserSettings(storage: Storage = localStorage): SettingsStore {
  return {
    load: () => fromValues((key) => storage.getItem(key)),
    save: async (settings) => {
      for (const [field, key] of Object.entries(KEYS)) storage.setItem(key, stored(settings, field as keyof Settings));
    },
  };
}

/** Checks a month typed into the settings; empty is allowed (the 参数 sheet decides). */
export function monthProblem(month: string): string | null {
  if (month.trim() === '' || /^\d{4}-(0[1-9]|1[0-2])$/.test(month.trim())) return null;
  return `考核月份「${month}」格式不对，应为 YYYY-MM，例如 2015-04。`;
}
