/** The 秘书's 账号 tab: the town's accounts; create, reset a password, disable and enable. */
import { Button, Caption1, Field, Input, MessageBar, MessageBarBody, Select, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { ROLES, type Role } from '../../../functions/src/auth/roles.js';
import { accountStateText, type Account, type AccountsApi, type IssuedAccount } from '../api/accounts.js';
import { loginProblem } from '../auth/forms.js';
import { OneTimePassword } from './OneTimePassword.js';
import { useStyles } from './styles.js';

const useLocalStyles = makeStyles({
  account: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  who: { display: 'flex', flexDirection: 'column', minWidth: '140px' },
  disabled: { color: tokens.colorNeutralForegroundDisabled },
});

export interface AccountsPanelProps {
  api: AccountsApi;
  town: string;
  /** The signed-in 秘书, who cannot disable herself. */
  self: string;
}

type Change = 'reset' | 'disable' | 'enable';

const CHANGE_TEXT: Record<Change, string> = { reset: '重置密码', disable: '停用', enable: '启用' };

export function AccountsPanel({ api, town, self }: AccountsPanelProps) {
  const styles = useStyles();
  const local = useLocalStyles();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [issued, setIssued] = useState<IssuedAccount | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<{ login: string; change: Change } | null>(null);
  const [draft, setDraft] = useState<{ login: string; name: string; role: Role }>({ login: '', name: '', role: '组长' });

  /** Runs one request, then lists the accounts again; a refusal shows the service's message. */
  const act = useCallback(
    async (request: () => Promise<unknown>) => {
      setBusy(true);
      setFailure(null);
      try {
        await request();
        setAccounts(await api.list(town));
      } catch (error) {
        setFailure(error instanceof Error ? error.message : String(error));
      } finally {
        setBusy(false);
      }
    },
    [api, town],
  );

  useEffect(() => void act(async () => undefined), [act]);

  async function create() {
    const problem = loginProblem(draft.login);
    if (problem) {
      setFailure(problem);
      return;
    }
    const name = draft.name.trim();
    await act(async () => {
      setIssued(await api.create(town, { login: draft.login.trim(), role: draft.role, ...(name ? { name } : {}) }));
      setDraft({ login: '', name: '', role: draft.role });
    });
  }

  async function change(login: string, what: Change) {
    setConfirming(null);
    await act(async () => {
      if (what === 'reset') setIssued(await api.reset(town, login));
      else await api[what](town, login);
    });
  }

  return (
    <div className={styles.form}>
      {issued ? <OneTimePassword issued={issued} onClose={() => setIssued(null)} /> : null}
      {failure ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{failure}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Subtitle2>{town}的账号</Subtitle2>
      <div role="list" aria-label="账号列表">
        {accounts === null ? <Text className={styles.muted}>正在读取…</Text> : null}
        {accounts?.map((account) => (
          <div role="listitem" key={account.login} className={local.account}>
            <div className={local.who}>
              <Text weight="semibold" className={account.state === 'disabled' ? local.disabled : undefined}>
                {account.name}（{account.role}）
              </Text>
              <Caption1 className={styles.muted}>
                {account.login} · {accountStateText(account)}
              </Caption1>
            </div>
            <div className={styles.actions}>
              {confirming?.login === account.login ? (
                <>
                  <Button size="small" appearance="primary" disabled={busy} onClick={() => void change(account.login, confirming.change)}>
                    确认{CHANGE_TEXT[confirming.change]}
                  </Button>
                  <Button size="small" onClick={() => setConfirming(null)}>
                    取消
                  </Button>
                </>
              ) : (
                <>
                  <Button size="small" disabled={busy} onClick={() => setConfirming({ login: account.login, change: 'reset' })}>
                    重置密码
                  </Button>
                  {account.login === self ? null : account.state === 'disabled' ? (
                    <Button size="small" disabled={busy} onClick={() => void change(account.login, 'enable')}>
                      启用
                    </Button>
                  ) : (
                    <Button size="small" disabled={busy} onClick={() => setConfirming({ login: account.login, change: 'disable' })}>
                      停用
                    </Button>
                  )}
                </>
              )}
            </div>
          </div>
        ))}
      </div>
      <form
        className={styles.form}
        aria-label="新建账号"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <Subtitle2>新建账号</Subtitle2>
        <Field label="登录名" required hint="1–32 个字符，不含空格和斜杠；全系统唯一，建议用姓名或姓名加数字">
          <Input value={draft.login} onChange={(_, data) => setDraft({ ...draft, login: data.value })} />
        </Field>
        <Field label="姓名" hint="留空则与登录名相同">
          <Input value={draft.name} onChange={(_, data) => setDraft({ ...draft, name: data.value })} />
        </Field>
        <Field label="角色">
          <Select value={draft.role} onChange={(_, data) => setDraft({ ...draft, role: data.value as Role })}>
            {ROLES.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </Select>
        </Field>
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={busy}>
            创建账号
          </Button>
        </div>
      </form>
    </div>
  );
}
