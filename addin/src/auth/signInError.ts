/** The one error of signing in, whatever the identity mode: what the pane shows as 登录失败 or 请先登录. */

/** Why signing in failed or is needed. */
export type SignInProblem =
  /** No one is signed in (or the identity provider needs the user to click 登录). */
  | 'required'
  /** The session ended: refresh token expired, revoked by sign-out elsewhere or a password reset. */
  | 'expired'
  /** Wrong login name or password (the service does not say which). */
  | 'credentials'
  /** Too many wrong passwords: locked for {@link SignInError.minutesLeft} minutes. */
  | 'locked'
  /** The one-time password must be changed before anything else. */
  | 'must_change_password'
  /** Any other failure of the identity provider (Entra ID, the Office dialog). */
  | 'failed';

export class SignInError extends Error {
  override readonly name = 'SignInError';

  constructor(
    readonly problem: SignInProblem,
    message: string,
    /** Minutes until a locked account may sign in again (`locked` only). */
    readonly minutesLeft?: number,
  ) {
    super(message);
  }
}
