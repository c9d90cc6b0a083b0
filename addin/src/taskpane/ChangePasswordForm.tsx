/** Changing the password; after signing in with a one-time password it is the only thing the pane offers. */
import { Button, Field, Input, MessageBar, MessageBarBody, mergeClasses, Subtitle2, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { LocalAuth } from '../auth/auth.js';
import { newPasswordProblem, PASSWORD_RULES } from '../auth/forms.js';
import { useStyles } from './styles.js';

export function ChangePasswordForm({ auth }: { auth: LocalAuth }) {
  const styles = useStyles();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const user = auth.user();

  async function submit() {
    const problem = newPasswordProblem(current, next, confirmation);
    if (problem) {
      setFailure(problem);
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await auth.changePassword(current, next);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className={mergeClasses(styles.card, styles.form)}
      aria-label="修改初始密码"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Subtitle2>修改初始密码</Subtitle2>
      <Text>
        {user?.name ?? ''}，您使用的是初始密码（新账号或秘书重置后的密码）。请先设置自己的密码，设置后才能校验、计算和查看考核结果。
      </Text>
      <Field label="初始密码" required>
        <Input type="password" value={current} autoComplete="current-password" onChange={(_, data) => setCurrent(data.value)} />
      </Field>
      <Field label="新密码" required hint={PASSWORD_RULES}>
        <Input type="password" value={next} autoComplete="new-password" onChange={(_, data) => setNext(data.value)} />
      </Field>
      <Field label="再次输入新密码" required>
        <Input type="password" value={confirmation} autoComplete="new-password" onChange={(_, data) => setConfirmation(data.value)} />
      </Field>
      {failure ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? '正在保存…' : '保存新密码'}
        </Button>
        <Button appearance="secondary" disabled={busy} onClick={() => void auth.signOut()}>
          退出
        </Button>
      </div>
    </form>
  );
}
