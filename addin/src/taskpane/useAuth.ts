/** React's view of the sign-in: the signed-in user and whether the one-time password must be changed. */
import { useSyncExternalStore } from 'react';
import type { Auth, SignedInUser } from '../auth/auth.js';

/** The signed-in user, re-rendering on sign-in, sign-out and an ended session. */
export function useSignedInUser(auth: Auth): SignedInUser | null {
  return useSyncExternalStore(auth.subscribe, auth.user);
}

/** Whether the signed-in account must change its one-time password first (service accounts only). */
export function useMustChangePassword(auth: Auth): boolean {
  return useSyncExternalStore(auth.subscribe, () => auth.kind === 'local' && auth.mustChangePassword());
}
