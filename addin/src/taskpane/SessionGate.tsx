/**
 * Shows its children only to a signed-in user: otherwise the sign-in form of the deployment's identity
 * mode, and after a one-time password the forced password change. The pane's own state (a dropped
 * workbook, the last result) lives above the gate, so an ended session loses nothing.
 */
import type { ReactNode } from 'react';
import type { Auth } from '../auth/auth.js';
import { ChangePasswordForm } from './ChangePasswordForm.js';
import { EntraSignIn } from './EntraSignIn.js';
import { SignInForm } from './SignInForm.js';
import { useMustChangePassword, useSignedInUser } from './useAuth.js';

export function SessionGate({ auth, children }: { auth: Auth; children: ReactNode }) {
  const user = useSignedInUser(auth);
  const mustChange = useMustChangePassword(auth);
  if (auth.kind === 'entra') return user ? children : <EntraSignIn auth={auth} />;
  if (!user) return <SignInForm auth={auth} />;
  return mustChange ? <ChangePasswordForm auth={auth} /> : children;
}
