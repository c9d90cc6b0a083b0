/**
 * Sign-in. With an Entra ID client id (the deployment's config.json or the build): MSAL, nested app
 * authentication inside Office (`createNestablePublicClientApplication`), a popup in the browser.
 * Without one (the local stack): development tokens from the local server's `GET /dev/token?oid=…`.
 */
import type { IPublicClientApplication } from '@azure/msal-browser';
import { ApiError } from '../api/client.js';
import { runtimeConfig } from '../shared/runtimeConfig.js';

/** Who is signed in, as far as the add-in knows. */
export interface SignedInUser {
  name: string;
  /** Town and role as the service registered them (development sign-in only). */
  town?: string;
  role?: string;
}

export interface Auth {
  readonly kind: 'entra' | 'dev';
  /** A bearer token, signing in silently when possible. */
  token(): Promise<string>;
  /** Interactive sign-in (a popup for Entra ID). */
  signIn(): Promise<SignedInUser>;
  user(): SignedInUser | null;
}

export interface AuthConfig {
  /** Inside Office (nested app authentication) or a plain browser. */
  host: 'office' | 'browser';
  apiUrl: () => string;
  /** The development account (oid) to sign in as. */
  devUser: () => string;
  clientId?: string;
  authority?: string;
  scopes?: string[];
  fetch?: typeof fetch;
}

/** Seconds before expiry at which a development token is renewed. */
const RENEW_SECONDS = 120;

/** The `exp` claim of a JWT, in seconds; 0 when unreadable. */
function expiry(token: string): number {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : 0;
  } catch {
    return 0;
  }
}

function devAuth(config: AuthConfig): Auth {
  let cached: { oid: string; token: string; user: SignedInUser } | null = null;
  let pending: Promise<SignedInUser> | null = null;
  const doFetch = config.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  async function signIn(): Promise<SignedInUser> {
    const oid = config.devUser().trim();
    if (!oid) throw new ApiError(401, 'no_dev_user', '请在设置中填写开发账号（本地服务登记的 oid）。');
    const base = config.apiUrl().replace(/\/+$/, '');
    let response: Response;
    try {
      response = await doFetch(`${base}/dev/token?oid=${encodeURIComponent(oid)}`);
    } catch {
      throw new ApiError(0, 'network', `无法连接本地考核服务（${base}），请先运行 npm start。`);
    }
    const body = (await response.json().catch(() => ({}))) as {
      token?: string;
      message?: string;
      user?: { town?: string; role?: string };
    };
    if (!response.ok || !body.token) {
      throw new ApiError(response.status, 'dev_sign_in', body.message ?? `开发账号登录失败（HTTP ${response.status}）。`);
    }
    const user: SignedInUser = { name: oid, ...(body.user?.town ? { town: body.user.town } : {}), ...(body.user?.role ? { role: body.user.role } : {}) };
    cached = { oid, token: body.token, user };
    return user;
  }
  return {
    kind: 'dev',
    async token() {
      const fresh = cached && cached.oid === config.devUser().trim() && expiry(cached.token) - RENEW_SECONDS > Date.now() / 1000;
      if (!fresh) {
        // Requests made while signing in share the one sign-in.
        pending ??= signIn().finally(() => (pending = null));
        await pending;
      }
      return cached!.token;
    },
    signIn,
    user: () => cached?.user ?? null,
  };
}

function entraAuth(config: AuthConfig & { clientId: string }): Auth {
  const scopes = config.scopes ?? [];
  let app: Promise<IPublicClientApplication> | null = null;
  // MSAL is loaded on first use so that the local stack's pages never fetch it.
  const client = () =>
    (app ??= import('@azure/msal-browser').then((msal) => {
      const configuration = {
        auth: { clientId: config.clientId, authority: config.authority ?? 'https://login.microsoftonline.com/organizations' },
      };
      return config.host === 'office'
        ? msal.createNestablePublicClientApplication(configuration)
        : msal.createStandardPublicClientApplication(configuration);
    }));
  const userOf = (name: string | undefined): SignedInUser => ({ name: name ?? '已登录用户' });
  let current: SignedInUser | null = null;

  async function interactive(): Promise<string> {
    const pca = await client();
    const result = await pca.acquireTokenPopup({ scopes });
    pca.setActiveAccount(result.account);
    current = userOf(result.account?.name ?? result.account?.username);
    return result.accessToken;
  }

  return {
    kind: 'entra',
    async token() {
      const pca = await client();
      const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
      try {
        // Inside Office, nested app authentication signs in silently as the Office user.
        const result = await pca.acquireTokenSilent({ scopes, ...(account ? { account } : {}) });
        current = userOf(result.account?.name ?? result.account?.username);
        return result.accessToken;
      } catch {
        return interactive();
      }
    },
    async signIn() {
      await interactive();
      return current!;
    },
    user: () => current,
  };
}

/** The scope the service's app registration exposes (README, Deploy); `VITE_API_SCOPE` names another. */
const API_SCOPE_NAME = 'access_as_user';

/**
 * The sign-in the deployment or the build is configured for. Call it after `loadRuntimeConfig()`: the
 * deployment's config.json wins over the build's `VITE_*` values, being the deployment's truth.
 */
export function createAuth(config: AuthConfig): Auth {
  const entra = runtimeConfig()?.entra;
  const clientId = config.clientId ?? entra?.clientId ?? import.meta.env?.VITE_ENTRA_CLIENT_ID;
  if (!clientId) return devAuth(config);
  // The add-in signs in as the service's own app registration, so the token's audience is that app.
  const scope = import.meta.env?.VITE_API_SCOPE || `api://${clientId}/${API_SCOPE_NAME}`;
  return entraAuth({
    ...config,
    clientId,
    authority: config.authority ?? entra?.authority ?? import.meta.env?.VITE_ENTRA_AUTHORITY,
    scopes: config.scopes ?? [scope],
  });
}
