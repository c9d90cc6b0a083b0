/**
 * Entra ID sign-in: tried silently once (nested app authentication signs in as the Office user); when
 * that is not possible, a 登录 button opens the popup or the Office dialog — only on the user's click.
 */
import { Button, MessageBar, MessageBarBody, MessageBarTitle, mergeClasses, Spinner, Subtitle2, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { EntraAuth } from '../auth/auth.js';
import { useStyles } from './styles.js';

export function EntraSignIn({ auth }: { auth: EntraAuth }) {
  const styles = useStyles();
  const [trying, setTrying] = useState(true);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    auth
      .token()
      .catch(() => undefined)
      .finally(() => setTrying(false));
  }, [auth]);

  async function signIn() {
    setFailure(null);
    try {
      await auth.signIn();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  }

  if (trying) return <Spinner label="正在登录…" />;
  return (
    <section className={mergeClasses(styles.card, styles.form)} aria-label="登录">
      <Subtitle2>登录</Subtitle2>
      <Text>本镇使用单位的 Microsoft 账号登录。</Text>
      {failure ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>登录失败</MessageBarTitle>
            {failure}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void signIn()}>
          登录
        </Button>
      </div>
    </section>
  );
}
