/**
 * Sign-in, in the identity mode the deployment uses (its config.json `identity`, SPEC §6):
 * - `local` (the default): the accounts the service keeps — login form, one-time password, refresh token
 *   ({@link createLocalSession});
 * - `entra`: Microsoft Entra ID through MSAL. Inside Office, nested app authentication where the host has
 *   NestedAppAuth 1.1, otherwise the Office dialog API (dialog.html); in a plain browser a popup. Anything
 *   interactive happens only from a click on 登录, never on its own.
 * Every failure to get a token is a {@link SignInError}, which the pane reports as a sign-in problem.
 */
import type { IPublicClientApplication } from '@azure/msal-browser';
import { runtimeConfig } from '../common/runtimeConfig.js';
import { createLocalSession, type LocalSession } from './session.js';
import { SignInError } from './signInError.js';

/** Who is signed in, as far as the add-in knows (role and town with the service's own accounts only). */
export interface SignedInUser {
  name: string;
  login?: string;
  town?: string;
  role?: string;
}

/** What both identity modes offer the pane and the API client. */
interface AuthBase {
  /** A bearer token, renewed silently when possible (`renew` after a 401); never interactive. */
  token(options?: { renew?: boolean }): Promise<string>;
  /** The signed-in user, the same object until it changes. */
  user(): SignedInUser | null;
  subscribe(listener: () => void): () => void;
}

/** The service's own accounts. */
export type LocalAuth = LocalSession & { readonly kind: 'local' };

/** Microsoft Entra ID. */
export interface EntraAuth extends AuthBase {
  readonly kind: 'entra';
  /** Interactive sign-in; call it only from a click (a popup or the Office dialog opens). */
  signIn(): Promise<SignedInUser>;
}

export type Auth = LocalAuth | EntraAuth;

/** The parts of Office.js sign-in uses (a stand-in in tests). */
export interface OfficeContext {
  requirements: { isSetSupported(name: string, minVersion?: string): boolean };
  ui: Pick<Office.UI, 'displayDialogAsync'>;
}

export interface AuthConfig {
  /** Inside Office or a plain browser. */
  host: 'office' | 'browser';
  apiUrl: () => string;
  /** Where the local mode keeps its tokens; default localStorage and sessionStorage. */
  storage?: { persistent: Storage; session: Storage };
  /** `Office.context.partitionKey`, where the host has one. */
  partition?: string | undefined;
  /** Office.js' context; default `Office.context`. */
  office?: OfficeContext;
  fetch?: typeof fetch;
}

/** The Entra ID app the deployment (config.json) or the build (`VITE_*`) names, if any. */
export interface EntraSettings {
  clientId: string;
  authority: string;
  scopes: string[];
}

/** The scope the service's app registration exposes (README, Deploy); `VITE_API_SCOPE` names another. */
const API_SCOPE_NAME = 'access_as_user';

/** The deployment's Entra ID app; call after `loadRuntimeConfig()` (the deployment wins over the build). */
export function entraSettings(): EntraSettings | null {
  const entra = runtimeConfig()?.entra;
  const clientId = entra?.clientId ?? import.meta.env?.VITE_ENTRA_CLIENT_ID;
  if (!clientId) return null;
  return {
    clientId,
    authority: entra?.authority ?? import.meta.env?.VITE_ENTRA_AUTHORITY ?? 'https://login.microsoftonline.com/organizations',
    // The add-in signs in as the service's own app registration, so the token's audience is that app.
    scopes: [import.meta.env?.VITE_API_SCOPE || `api://${clientId}/${API_SCOPE_NAME}`],
  };
}

/** `local` unless the deployment says `entra` (or, without a config.json, the build names an Entra ID app). */
export function identityMode(): 'local' | 'entra' {
  return runtimeConfig()?.identity ?? (entraSettings() ? 'entra' : 'local');
}

/** Chinese text of an MSAL or dialog failure. */
function failed(error: unknown): SignInError {
  const detail = error instanceof Error ? error.message : String(error);
  return new SignInError('failed', `登录失败：${detail}。请点击“登录”重试；仍不成功请联系管理员核对 Entra ID 应用注册。`);
}

const needsClick = () => new SignInError('required', '请点击“登录”，用单位的 Microsoft 账号登录。');

/** What dialog.html sends back through `messageParent`. */
export type DialogMessage = { ok: true; accessToken: string; expiresOn: number; name: string } | { ok: false; message: string };

/** The Office dialog's page, beside the task pane. */
export function dialogUrl(): string {
  return new URL('dialog.html', location.href).href;
}

/** Opens dialog.html through the Office dialog API and waits for its token (or its refusal). */
function dialogSignIn(office: OfficeContext): Promise<Extract<DialogMessage, { ok: true }>> {
  return new Promise((resolve, reject) => {
    office.ui.displayDialogAsync(dialogUrl(), { height: 60, width: 30, promptBeforeOpen: false }, (opened) => {
      if (opened.status !== Office.AsyncResultStatus.Succeeded) {
        reject(failed(new Error(`无法打开登录窗口（${opened.error?.message ?? opened.error?.code ?? '未知原因'}）`)));
        return;
      }
      const dialog = opened.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        dialog.close();
        let message: DialogMessage;
        try {
          message = JSON.parse((arg as { message: string }).message) as DialogMessage;
        } catch {
          reject(failed(new Error('登录窗口返回的内容无法识别')));
          return;
        }
        if (message.ok) resolve(message);
        else reject(failed(new Error(message.message)));
      });
      // The user closed the dialog (12006) or it could not navigate.
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => reject(new SignInError('required', '登录窗口已关闭，未登录。')));
    });
  });
}

function entraAuth(config: AuthConfig, settings: EntraSettings): EntraAuth {
  const office = config.host === 'office' ? (config.office ?? Office.context) : null;
  // Hosts without nested app authentication (Office 2019/2021 perpetual, older builds) sign in through a dialog.
  const nested = office?.requirements.isSetSupported('NestedAppAuth', '1.1') ?? false;
  const listeners = new Set<() => void>();
  let current: SignedInUser | null = null;
  let dialogToken: { token: string; expiresOn: number } | null = null;
  const setUser = (name: string | undefined) => {
    if (current?.name === name) return;
    current = name ? { name } : null;
    listeners.forEach((listener) => listener());
  };

  let app: Promise<IPublicClientApplication> | null = null;
  // MSAL is loaded on first use so that pages of the local mode never fetch it.
  const client = () =>
    (app ??= import('@azure/msal-browser').then((msal) => {
      const configuration = { auth: { clientId: settings.clientId, authority: settings.authority } };
      return nested ? msal.createNestablePublicClientApplication(configuration) : msal.createStandardPublicClientApplication(configuration);
    }));

  async function silent(): Promise<string> {
    const pca = await client();
    const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
    // Inside Office, nested app authentication signs in silently as the Office user, also without an account.
    if (!account && !nested) throw needsClick();
    try {
      const result = await pca.acquireTokenSilent({ scopes: settings.scopes, ...(account ? { account } : {}) });
      setUser(result.account?.name ?? result.account?.username);
      return result.accessToken;
    } catch {
      throw needsClick();
    }
  }

  return {
    kind: 'entra',
    async token() {
      if (office && !nested) {
        // The dialog's token lives in memory only; when it expires the user clicks 登录 again.
        if (dialogToken && dialogToken.expiresOn - 60_000 > Date.now()) return dialogToken.token;
        throw needsClick();
      }
      return silent();
    },
    async signIn() {
      if (office && !nested) {
        const answer = await dialogSignIn(office);
        dialogToken = { token: answer.accessToken, expiresOn: answer.expiresOn };
        setUser(answer.name);
        return current!;
      }
      try {
        const pca = await client();
        const result = await pca.acquireTokenPopup({ scopes: settings.scopes });
        pca.setActiveAccount(result.account);
        setUser(result.account?.name ?? result.account?.username ?? '已登录用户');
        return current!;
      } catch (error) {
        throw failed(error);
      }
    },
    user: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The sign-in of the deployment's identity mode. Call it after `loadRuntimeConfig()`. */
export function createAuth(config: AuthConfig): Auth {
  const entra = entraSettings();
  if (identityMode() === 'entra' && entra) return entraAuth(config, entra);
  const session = createLocalSession({
    apiUrl: config.apiUrl,
    storage: config.storage ?? { persistent: localStorage, session: sessionStorage },
    partition: config.partition,
    ...(config.fetch ? { fetch: config.fetch } : {}),
  });
  return { kind: 'local', ...session };
}
