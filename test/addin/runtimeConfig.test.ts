import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAuth } from '../../addin/src/auth/auth.js';
import { loadRuntimeConfig } from '../../addin/src/common/runtimeConfig.js';
import { browserSettings, defaultApiUrl } from '../../addin/src/common/settings.js';
import { memoryStorage } from './memoryStorage.js';

const PAGE_ORIGIN = 'https://d111111abcdef8.cloudfront.net';
const API_URL = 'https://abc123.execute-api.cn-north-1.amazonaws.com.cn/';
const TENANT = '3f9a6c1e-2b47-4d8e-9a15-7c0e4b2d8f61';
const CLIENT = '8d2e4f60-1a3b-4c5d-8e9f-0a1b2c3d4e5f';
/** config.json as infra/AssessmentStack.ts deploys it. */
const DEPLOYED = {
  apiBaseUrl: API_URL,
  entra: { clientId: CLIENT, tenantId: TENANT, authority: `https://login.partner.microsoftonline.cn/${TENANT}` },
};

/** A `fetch` answering every request with `body` and `status`, recording what it was asked. */
function answering(body: string, status = 200): typeof fetch & { calls: [unknown, RequestInit | undefined][] } {
  const calls: [unknown, RequestInit | undefined][] = [];
  const stub = async (input: unknown, init?: RequestInit) => {
    calls.push([input, init]);
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  };
  return Object.assign(stub as typeof fetch, { calls });
}

const storage = { persistent: memoryStorage(), session: memoryStorage() };
const officeWithNaa = { requirements: { isSetSupported: () => true }, ui: { displayDialogAsync: () => undefined } };

const unreachable = (async () => {
  throw new TypeError('Failed to fetch');
}) as typeof fetch;

beforeEach(() => {
  vi.stubGlobal('location', { origin: PAGE_ORIGIN, href: `${PAGE_ORIGIN}/taskpane.html` });
});

afterEach(async () => {
  // The loaded config is module state: forget it between tests.
  await loadRuntimeConfig(unreachable);
  vi.unstubAllGlobals();
});

describe('the deployment’s config.json', () => {
  it('names the default API address and the Entra ID sign-in', async () => {
    // Prepare
    const fetchConfig = answering(JSON.stringify(DEPLOYED));

    // Act
    const config = await loadRuntimeConfig(fetchConfig);
    const auth = createAuth({ host: 'office', apiUrl: defaultApiUrl, office: officeWithNaa });

    // Assess
    expect(fetchConfig.calls).toEqual([['./config.json', { cache: 'no-store' }]]);
    expect(config).toEqual({ apiBaseUrl: API_URL, entra: { clientId: CLIENT, authority: DEPLOYED.entra.authority } });
    expect(defaultApiUrl()).toBe(API_URL);
    expect(browserSettings(memoryStorage()).load()).toEqual({ apiUrl: API_URL, town: '', month: ''});
    expect(auth.kind).toBe('entra');
  });

  it('loses to an API address the user saved, and keeps a saved default following the deployment', async () => {
    // Prepare
    await loadRuntimeConfig(answering(JSON.stringify(DEPLOYED)));
    const chosen = memoryStorage();
    const untouched = memoryStorage();

    // Act
    await browserSettings(chosen).save({ apiUrl: 'https://kaohe.example.gov.cn', town: '花桥街镇', month: ''});
    await browserSettings(untouched).save({ apiUrl: API_URL, town: '花桥街镇', month: ''});

    // Assess
    expect(browserSettings(chosen).load().apiUrl).toBe('https://kaohe.example.gov.cn');
    expect(untouched.getItem('kh.apiUrl')).toBe('');
    expect(browserSettings(untouched).load().apiUrl).toBe(API_URL);
  });

  it.each([
    ['unreachable', unreachable],
    ['absent (404)', answering('找不到文件：/config.json', 404)],
    ['not JSON', answering('<!doctype html><p>加载项</p>')],
    ['of another shape', answering(JSON.stringify({ apiBaseUrl: 'not a url', entra: { clientId: '' } }))],
  ])('leaves the page’s own origin and the service’s own accounts when %s', async (_case, fetchConfig) => {
    // Act
    const config = await loadRuntimeConfig(fetchConfig);
    const auth = createAuth({ host: 'browser', apiUrl: defaultApiUrl, storage });

    // Assess
    expect(config).toBeNull();
    expect(defaultApiUrl()).toBe(PAGE_ORIGIN);
    expect(browserSettings(memoryStorage()).load().apiUrl).toBe(PAGE_ORIGIN);
    expect(auth.kind).toBe('local');
  });

  it.each([
    ['local', { ...DEPLOYED, identity: 'local' }, 'local'],
    ['entra', { ...DEPLOYED, identity: 'entra' }, 'entra'],
  ])('signs in the way its identity says (%s)', async (_case, deployed, kind) => {
    // Act
    const config = await loadRuntimeConfig(answering(JSON.stringify(deployed)));
    const auth = createAuth({ host: 'office', apiUrl: defaultApiUrl, storage, office: officeWithNaa });

    // Assess
    expect(config?.identity).toBe(kind);
    expect(auth.kind).toBe(kind);
  });

  it('is refused when it asks for Entra ID without naming the app', async () => {
    // Act
    const config = await loadRuntimeConfig(answering(JSON.stringify({ apiBaseUrl: API_URL, identity: 'entra' })));

    // Assess
    expect(config).toBeNull();
  });

  it('takes the request the page started before Office.js and the bundle, once', async () => {
    // Prepare: the page's first script requested config.json; a later load must fetch anew
    const fetchConfig = answering(JSON.stringify({ apiBaseUrl: 'https://late.example.cn' }));
    vi.stubGlobal('fetch', fetchConfig);
    vi.stubGlobal('khConfig', Promise.resolve(new Response(JSON.stringify({ apiBaseUrl: API_URL }))));

    // Act
    const first = await loadRuntimeConfig();
    const second = await loadRuntimeConfig();

    // Assess
    expect(first?.apiBaseUrl).toBe(API_URL);
    expect(second?.apiBaseUrl).toBe('https://late.example.cn');
    expect(fetchConfig.calls).toHaveLength(1);
  });

  it('means no config when the early request of the page failed, without asking again', async () => {
    // Prepare
    const fetchConfig = answering(JSON.stringify({ apiBaseUrl: API_URL }));
    vi.stubGlobal('fetch', fetchConfig);
    vi.stubGlobal('khConfig', Promise.resolve(null));

    // Act
    const config = await loadRuntimeConfig();

    // Assess
    expect(config).toBeNull();
    expect(fetchConfig.calls).toHaveLength(0);
  });

  it('fetches through the global fetch when given none', async () => {
    // Prepare
    const fetchConfig = answering(JSON.stringify({ apiBaseUrl: API_URL }));
    vi.stubGlobal('fetch', fetchConfig);

    // Act
    await loadRuntimeConfig();

    // Assess
    expect(fetchConfig.calls).toHaveLength(1);
    expect(defaultApiUrl()).toBe(API_URL);
    expect(createAuth({ host: 'browser', apiUrl: defaultApiUrl, storage }).kind).toBe('local');
  });
});
