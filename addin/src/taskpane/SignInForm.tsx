/** The sign-in form of the service's own accounts: 登录名, 密码, 记住我; a lockout shows the minutes left. */
import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, mergeClasses, Subtitle2 } from '@fluentui/react-components';
import { useState } from 'react';
import type { LocalAuth } from '../auth/auth.js';
import { signInProblem } from '../auth/forms.js';
import { SignInError } from '../auth/signInError.js';
import { useStyles } from './styles.js';

export function SignInForm({ auth }: { auth: LocalAuth }) {
  const styles = useStyles();
  const [login, setLogin] = useState(() => auth.lastLogin());
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ title: string; message: string } | null>(null);

  async function submit() {
    const problem = signInProblem(login, password);
    if (problem) {
      setFailure({ title: '登录失败', message: problem });
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await auth.signIn(login, password, remember);
    } catch (error) {
      setPassword('');
      const locked = error instanceof SignInError && error.problem === 'locked';
      setFailure({ title: locked ? '账号已锁定' : '登录失败', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className={mergeClasses(styles.card, styles.form)}
      aria-label="登录"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Subtitle2>登录</Subtitle2>
      <Field label="登录名" required>
        <Input value={login} autoComplete="username" onChange={(_, data) => setLogin(data.value)} />
      </Field>
      <Field label="密码" required hint="新账号请使用党政办秘书给您的初始密码，首次登录后需修改。">
        <Input type="password" value={password} autoComplete="current-password" onChange={(_, data) => setPassword(data.value)} />
      </Field>
      <Checkbox checked={remember} onChange={(_, data) => setRemember(data.checked === true)} label="记住我（本机 30 天内免登录，公用电脑请勿勾选）" />
      {failure ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{failure.title}</MessageBarTitle>
            {failure.message}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </Button>
      </div>
    </form>
  );
}
