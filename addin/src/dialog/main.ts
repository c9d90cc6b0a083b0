/**
 * Entry of dialog.html: Entra ID sign-in for hosts without nested app authentication, opened by the
 * pane through the Office dialog API (auth.ts). It redirects to Microsoft's sign-in page and, back on
 * this page (the app registration's web redirect URI), hands the token to the pane with `messageParent`.
 */
import { createStandardPublicClientApplication } from '@azure/msal-browser';
import { entraSettings, type DialogMessage } from '../auth/auth.js';
import { loadRuntimeConfig } from '../common/runtimeConfig.js';

function answer(message: DialogMessage): void {
  Office.context.ui.messageParent(JSON.stringify(message));
}

async function signIn(): Promise<void> {
  await Promise.all([Office.onReady(), loadRuntimeConfig()]);
  const settings = entraSettings();
  if (!settings) throw new Error('本部署没有配置 Entra ID 应用');
  const pca = await createStandardPublicClientApplication({
    auth: { clientId: settings.clientId, authority: settings.authority, redirectUri: `${location.origin}${location.pathname}` },
    cache: { cacheLocation: 'sessionStorage' },
  });
  const result = await pca.handleRedirectPromise();
  if (!result) {
    await pca.acquireTokenRedirect({ scopes: settings.scopes });
    return;
  }
  answer({
    ok: true,
    accessToken: result.accessToken,
    expiresOn: result.expiresOn?.getTime() ?? Date.now() + 3_600_000,
    name: result.account?.name ?? result.account?.username ?? '已登录用户',
  });
}

signIn().catch((error: unknown) => {
  document.getElementById('status')!.textContent = '登录失败。';
  answer({ ok: false, message: error instanceof Error ? error.message : String(error) });
});
