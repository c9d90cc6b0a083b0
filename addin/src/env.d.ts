/// <reference types="vite/client" />

/** Build options of the add-in (`VITE_*` variables at `npm run build:addin`); a deployment's config.json overrides them. */
interface ImportMetaEnv {
  /** Base address of the HTTP API; empty means the page's own origin (the local stack). */
  readonly VITE_API_URL?: string;
  /** Entra ID client id of the add-in; empty means development tokens from the local stack. */
  readonly VITE_ENTRA_CLIENT_ID?: string;
  /** Entra ID authority, e.g. https://login.partner.microsoftonline.cn/organizations for 21Vianet. */
  readonly VITE_ENTRA_AUTHORITY?: string;
  /** Scope of the API; default api://<client-id>/access_as_user. */
  readonly VITE_API_SCOPE?: string;
}
