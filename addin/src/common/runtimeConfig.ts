/**
 * The deployment's runtime config: `config.json`, which the infrastructure uploads beside the built add-in
 * because the API's address, the identity mode and the Entra ID app are known only at deploy time. Loaded once at start-up,
 * before the settings and sign-in are used; without it (the local stack) the build's values apply.
 */
import * as z from 'zod/mini';

const RuntimeConfigSchema = z
  .object({
    apiBaseUrl: z.url(),
    /** Who issues the tokens: the service's own accounts (default) or the town's Entra ID tenant. */
    identity: z.optional(z.enum(['local', 'entra'])),
    entra: z.optional(z.object({ clientId: z.string().check(z.minLength(1)), authority: z.optional(z.url()) })),
  })
  .check(z.refine((config) => config.identity !== 'entra' || config.entra !== undefined, 'identity entra needs entra.clientId'));

export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;

let loaded: RuntimeConfig | null = null;

/** What taskpane.html's first script requested while the page loaded, taken once (null: that request failed). */
function takeEarlyRequest(): Promise<Response | null> | undefined {
  const page = globalThis as { khConfig?: Promise<Response | null> };
  const early = page.khConfig;
  delete page.khConfig;
  return early;
}

/** The page's early request of config.json if there is one, else a new one. */
const earlyOrFetch: typeof fetch = async (input, init) => {
  const early = takeEarlyRequest();
  const response = early ? await early : undefined;
  if (response === null) throw new Error('config.json could not be fetched');
  return response ?? fetch(input, init);
};

/**
 * Fetches `./config.json` beside the page and keeps it for {@link runtimeConfig}; taskpane.html
 * requests it before Office.js and the bundle, so that it does not wait for them. Absent,
 * unreachable or malformed means no config, silently: the local stack and `npm run dev:addin`
 * serve none.
 */
export async function loadRuntimeConfig(fetchConfig: typeof fetch = earlyOrFetch): Promise<RuntimeConfig | null> {
  loaded = null;
  try {
    const response = await fetchConfig('./config.json', { cache: 'no-store' });
    if (response.ok) {
      const parsed = RuntimeConfigSchema.safeParse(await response.json());
      if (parsed.success) loaded = parsed.data;
    }
  } catch {
    // No config: the build's values apply.
  }
  return loaded;
}

/** The config {@link loadRuntimeConfig} found, if any. */
export function runtimeConfig(): RuntimeConfig | null {
  return loaded;
}
