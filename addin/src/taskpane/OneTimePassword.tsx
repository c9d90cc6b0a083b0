/** A one-time password, shown once after creating or resetting an account, with a copy button. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { IssuedAccount } from '../api/accounts.js';

const useLocalStyles = makeStyles({
  password: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase500,
    letterSpacing: '0.08em',
    userSelect: 'all',
  },
});

export function OneTimePassword({ issued, onClose }: { issued: IssuedAccount; onClose: () => void }) {
  const styles = useLocalStyles();
  const [copied, setCopied] = useState<boolean | null>(null);
  const { account, oneTimePassword } = issued;
  return (
    <MessageBar intent="success" layout="multiline" aria-label="初始密码">
      <MessageBarBody>
        <MessageBarTitle>
          {account.name}（{account.login}）的初始密码
        </MessageBarTitle>
        <div className={styles.password}>{oneTimePassword}</div>
        只显示这一次，请当面或电话告知本人；对方首次登录时须改为自己的密码。
        {copied === false ? '无法访问剪贴板，请选中上面的密码手动复制。' : ''}
      </MessageBarBody>
      <MessageBarActions>
        <Button
          onClick={() =>
            navigator.clipboard
              .writeText(oneTimePassword)
              .then(() => setCopied(true))
              .catch(() => setCopied(false))
          }
        >
          {copied ? '已复制' : '复制'}
        </Button>
        <Button onClick={onClose}>我已记下</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
