/**
 * The task pane, and the same page in a browser: settings, 校验 / 计算考核 / 定稿 with progress,
 * the issue list, the result summary, the history of the year and the month's 定稿 state; behind the
 * sign-in, with the town's accounts for a 秘书.
 */
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Subtitle1,
  Tab,
  TabList,
  Text,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { Issue } from '../../../functions/src/domain/types.js';
import type { MonthHistory, MonthInfo } from '../api/client.js';
import { downloadWorkbook } from '../browser/download.js';
import type { OpenedFile, ResultCopy } from '../browser/fileWorkbook.js';
import { type AssessmentAction, type Progress, PROGRESS_TEXT, runAssessment, type RunOutcome } from '../common/assessment.js';
import { describeFailure, type FailureText } from '../common/failure.js';
import { mark } from '../common/marks.js';
import type { Settings } from '../common/settings.js';
import { issueCounts, monthText, timeText, verdict } from '../common/summary.js';
import { AccountsPanel } from './AccountsPanel.js';
import { CorrectionPanel } from './CorrectionPanel.js';
import { FileDrop } from './FileDrop.js';
import { HistoryList } from './HistoryList.js';
import { IssueList } from './IssueList.js';
import { IssueRowPreview } from './IssueRowPreview.js';
import { ResultDownload } from './ResultDownload.js';
import { ResultSummary } from './ResultSummary.js';
import type { Services } from './services.js';
import { SessionGate } from './SessionGate.js';
import { SettingsForm } from './SettingsForm.js';
import { theme, useStyles } from './styles.js';
import { useSignedInUser } from './useAuth.js';
import { UserMenu } from './UserMenu.js';

type TabKey = 'issues' | 'results' | 'history' | 'settings' | 'accounts';

interface Notice extends FailureText {
  intent: 'success' | 'warning' | 'error' | 'info';
}

interface DroppedFile {
  file: OpenedFile;
  /** The copy of the latest run, ready to download; null before any. */
  copy: ResultCopy | null;
}

const ACTION_TEXT: Record<AssessmentAction | 'finalize' | 'template' | 'open', string> = {
  validate: '校验',
  compute: '计算考核',
  finalize: '定稿',
  template: '初始化模板',
  open: '打开工作簿',
};

/** What a finished run tells the user in the message bar. */
function noticeFor(done: RunOutcome): Notice {
  const { errors } = issueCounts(done.result.issues);
  return {
    intent: errors > 0 ? 'warning' : 'success',
    title: errors > 0 ? `${ACTION_TEXT[done.action]}未通过` : `${ACTION_TEXT[done.action]}完成`,
    message: verdict(done.result, done.action),
  };
}

export function App({ services }: { services: Services }) {
  const styles = useStyles();
  const { mode, auth, api, accounts } = services;
  const [settings, setSettings] = useState<Settings>(() => services.settings.load());
  const [busy, setBusy] = useState<{ action: keyof typeof ACTION_TEXT; step: Progress | null } | null>(null);
  // In Excel the pane opens on the latest run, also one started from the ribbon.
  const [stored] = useState(() => services.outcomes?.load() ?? null);
  const [notice, setNotice] = useState<Notice | null>(() => (stored ? noticeFor(stored.outcome) : null));
  const [outcome, setOutcome] = useState<RunOutcome | null>(stored?.outcome ?? null);
  const [tab, setTab] = useState<TabKey>(stored?.view ?? 'results');
  const [selected, setSelected] = useState<Issue | null>(null);
  const [monthInfo, setMonthInfo] = useState<MonthInfo | null>(null);
  const [history, setHistory] = useState<MonthHistory[] | null>(null);
  const [file, setFile] = useState<DroppedFile | null>(null);
  const user = useSignedInUser(auth);
  const [confirming, setConfirming] = useState(false);
  /** Bumped after every run, 定稿 and sign-in, so the month's state and history are fetched again. */
  const [revision, setRevision] = useState(0);

  const town = outcome?.result.town || settings.town || user?.town || '';
  const month = outcome?.result.month || settings.month;

  const refreshMonth = useCallback(
    async (forTown: string, forMonth: string) => {
      if (!forTown || !/^\d{4}-\d{2}$/.test(forMonth)) return;
      try {
        const [info, months] = await Promise.all([api.month(forTown, forMonth), api.history(forTown, Number(forMonth.slice(0, 4)))]);
        setMonthInfo(info);
        setHistory(months);
      } catch {
        // The history is a convenience: a run's own errors are reported where they happen.
      }
    },
    [api],
  );

  useEffect(() => void refreshMonth(town, month), [refreshMonth, town, month, revision, user]);

  // The 账号 tab belongs to the 秘书 who opened it, not to whoever signs in next.
  useEffect(() => setTab((current) => (current === 'accounts' ? 'results' : current)), [user?.login]);

  useEffect(
    // A run started from the ribbon lands here, opening the view it asks for.
    () =>
      services.outcomes?.subscribe((latest) => {
        setOutcome(latest.outcome);
        setSelected(null);
        setTab(latest.view);
        setNotice(noticeFor(latest.outcome));
      }),
    [services.outcomes],
  );

  async function run(action: AssessmentAction) {
    const dropped = mode === 'browser' && file ? (await import('../browser/fileWorkbook.js')).fileWorkbook(file.file) : undefined;
    const port = mode === 'office' ? services.officePort?.() : dropped?.port;
    if (!port) {
      setNotice({ intent: 'warning', title: '请先选择工作簿', message: '把考核工作簿（.xlsx）拖到上方，或点击“选择文件”。' });
      return;
    }
    setBusy({ action, step: null });
    setNotice(null);
    try {
      const done = await runAssessment(action, port, api, settings, (step) => setBusy({ action, step }));
      const { errors } = issueCounts(done.result.issues);
      const view = errors > 0 || (action === 'validate' && done.result.issues.length > 0) ? 'issues' : 'results';
      setOutcome(done);
      setSelected(null);
      setTab(view);
      void services.outcomes?.store({ at: new Date().toISOString(), outcome: done, view });
      if (file && dropped) setFile({ ...file, copy: dropped.copy() });
      setNotice(noticeFor(done));
      setRevision((r) => r + 1);
    } catch (error) {
      setNotice({ intent: 'error', ...describeFailure(error) });
    } finally {
      setBusy(null);
    }
  }

  async function finalize() {
    setConfirming(false);
    if (!outcome?.runId || !outcome.result.town || !outcome.result.month) return;
    setBusy({ action: 'finalize', step: null });
    try {
      const done = await api.finalize(outcome.result.town, outcome.result.month, outcome.runId);
      setNotice({
        intent: 'success',
        title: done.created ? '已定稿' : '本月此前已定稿',
        message: `${monthText(done.month)}考核结果由 ${done.finalizedBy} 于 ${timeText(done.finalizedAt)} 定稿，此后本月数据不能再修改。`,
      });
      setRevision((r) => r + 1);
    } catch (error) {
      setNotice({ intent: 'error', ...describeFailure(error) });
    } finally {
      setBusy(null);
    }
  }

  async function template() {
    setBusy({ action: 'template', step: null });
    try {
      if (services.addTemplateSheets) {
        const added = await services.addTemplateSheets();
        setNotice(
          added.length > 0
            ? { intent: 'success', title: '已添加输入表', message: `新增工作表：${added.join('、')}。表头和下拉列表已设置好。` }
            : { intent: 'info', title: '无需添加', message: '本工作簿已包含全部输入表。' },
        );
      } else {
        await downloadWorkbook(await services.templateWorkbook(), '目标管理考核-模板.xlsx');
      }
    } catch (error) {
      setNotice({ intent: 'error', ...describeFailure(error) });
    } finally {
      setBusy(null);
    }
  }

  async function open(dropped: File) {
    mark('open');
    setBusy({ action: 'open', step: null });
    setNotice(null);
    try {
      // A file that is not a workbook is refused here, before anything else changes.
      // The zip reader and the graft load with the first file, not with the page.
      const { openWorkbookFile } = await import('../browser/fileWorkbook.js');
      setFile({ file: await openWorkbookFile(dropped.name, await dropped.arrayBuffer()), copy: null });
      mark('opened');
      setOutcome(null);
      setSelected(null);
    } catch (error) {
      setNotice({ intent: 'error', title: '无法打开文件', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(null);
    }
  }

  async function saveSettings(next: Settings) {
    try {
      await services.settings.save(next);
      setSettings(next);
      setNotice({ intent: 'success', title: '设置已保存', message: mode === 'office' ? '设置随本工作簿保存。' : '设置保存在本浏览器中。' });
    } catch (error) {
      setNotice({ intent: 'error', ...describeFailure(error) });
    }
  }

  const result = outcome?.result ?? null;
  // A month under correction stays finalised until a 书记 or 镇长 approves the next version.
  const finalized = monthInfo !== null && monthInfo.state !== 'draft';
  const canFinalize = !busy && !finalized && outcome?.action === 'compute' && result?.status === 'ok' && Boolean(outcome.runId);
  const counts = issueCounts(result?.issues ?? []);
  // The 账号 tab: a 秘书 of the service's own accounts (Entra ID users are managed with `npm run users`).
  const manager = auth.kind === 'local' && user?.role === '秘书' && user.town && user.login ? { town: user.town, login: user.login } : null;

  return (
    <FluentProvider theme={theme}>
      <div className={styles.root}>
        <header className={styles.header}>
          <div className={styles.headerTitle}>
            <Subtitle1 className={styles.headerText}>目标管理考核{mode === 'browser' ? ' · 网页版' : ''}</Subtitle1>
            <Caption1 className={styles.headerText}>
              {[town, monthText(month)].filter(Boolean).join(' ') || '请在设置中填写乡镇和月份'}
            </Caption1>
          </div>
          <div className={styles.row}>
            {monthInfo ? (
              <Badge appearance="filled" color={finalized ? 'success' : 'informative'}>
                {monthInfo.state === 'correcting' ? '更正中' : finalized ? `已定稿 · 第 ${monthInfo.version} 版` : '草稿'}
              </Badge>
            ) : null}
            {user ? <UserMenu auth={auth} user={user} /> : null}
          </div>
        </header>
        <main className={styles.page}>
          <SessionGate auth={auth}>
          {mode === 'browser' ? (
            <>
              <Body1>
                没有 Microsoft 365 的同志（WPS、LibreOffice 用户）：把考核工作簿拖进来，校验、计算后下载带结果工作表的文件。
              </Body1>
              <FileDrop fileName={file?.file.name ?? null} disabled={busy !== null} onFile={(f) => void open(f)} />
            </>
          ) : null}
          <section className={styles.card} aria-label="操作">
            <div className={styles.actions}>
              <Button className={styles.runButton} appearance="secondary" disabled={busy !== null} onClick={() => void run('validate')}>
                校验
              </Button>
              <Button className={styles.runButton} appearance="primary" disabled={busy !== null} onClick={() => void run('compute')}>
                计算考核
              </Button>
              <Button className={styles.runButton} appearance="secondary" disabled={!canFinalize} onClick={() => setConfirming(true)}>
                定稿
              </Button>
            </div>
            {mode === 'browser' && file?.copy && !busy ? <ResultDownload copy={file.copy} /> : null}
            {busy ? (
              <div aria-live="polite">
                <ProgressBar />
                <Caption1>{busy.step ? PROGRESS_TEXT[busy.step] : `正在${ACTION_TEXT[busy.action]}…`}</Caption1>
              </div>
            ) : (
              <Caption1 className={styles.muted}>
                {finalized && monthInfo?.finalized
                  ? `${monthText(month)}已由 ${monthInfo.finalized.finalizedBy} 于 ${timeText(monthInfo.finalized.finalizedAt)} 定稿。`
                  : '先校验，再计算考核；核对无误后定稿。'}
              </Caption1>
            )}
          </section>
          {monthInfo ? (
            <CorrectionPanel
              api={api}
              info={monthInfo}
              role={user?.role}
              busy={busy !== null}
              onNotice={setNotice}
              onChanged={() => setRevision((r) => r + 1)}
            />
          ) : null}
          {notice ? (
            <MessageBar intent={notice.intent} layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{notice.title}</MessageBarTitle>
                {notice.message}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <section className={styles.card}>
            <TabList selectedValue={tab} onTabSelect={(_, data) => setTab(data.value as TabKey)}>
              <Tab value="issues">问题{result ? `（${counts.errors + counts.warnings}）` : ''}</Tab>
              <Tab value="results">结果</Tab>
              <Tab value="history">历史</Tab>
              <Tab value="settings">设置</Tab>
              {manager ? <Tab value="accounts">账号</Tab> : null}
            </TabList>
            {tab === 'issues' ? (
              result ? (
                <IssueList
                  issues={result.issues}
                  selected={selected}
                  {...(services.selectCell
                    ? {
                        onSelect: (issue: Issue) => {
                          setSelected(issue);
                          services.selectCell!(issue.sheet, issue.cell)
                            .then((found) => {
                              if (!found) {
                                setNotice({
                                  intent: 'warning',
                                  title: `找不到工作表「${issue.sheet}」`,
                                  message: '请先添加此表（可在“设置”中点击“初始化模板”）。',
                                });
                              }
                            })
                            .catch((error: unknown) => setNotice({ intent: 'error', ...describeFailure(error) }));
                        },
                      }
                    : {})}
                  {...(mode === 'browser' && file
                    ? {
                        onSelect: setSelected,
                        canSelect: (issue: Issue) => file.file.grids.some((g) => g.name === issue.sheet),
                        selectText: { hint: '点击一条问题，查看该行填写的内容。', title: (issue: Issue) => `查看「${issue.sheet}」${issue.cell} 所在行` },
                      }
                    : {})}
                />
              ) : (
                <Text className={styles.muted}>还没有校验或计算。</Text>
              )
            ) : null}
            {tab === 'issues' && mode === 'browser' && file && selected ? <IssueRowPreview grids={file.file.grids} issue={selected} /> : null}
            {tab === 'results' ? (
              result?.status === 'ok' && outcome?.action === 'compute' ? (
                <ResultSummary result={result} />
              ) : (
                <Text className={styles.muted}>
                  {result?.status === 'invalid' ? '数据有错误，未生成结果，请先处理“问题”中的错误。' : '计算考核后在此查看结果摘要。'}
                </Text>
              )
            ) : null}
            {tab === 'history' ? <HistoryList months={history} /> : null}
            {tab === 'accounts' && manager ? <AccountsPanel api={accounts} town={manager.town} self={manager.login} /> : null}
            {tab === 'settings' ? (
              <>
                <SettingsForm
                  settings={settings}
                  storedIn={mode === 'office' ? '设置保存在本工作簿中。' : '设置保存在本浏览器中。'}
                  busy={busy !== null}
                  onSave={(next) => void saveSettings(next)}
                />
                <div className={styles.actions}>
                  <Button disabled={busy !== null} onClick={() => void template()}>
                    {mode === 'office' ? '初始化模板' : '下载空白模板'}
                  </Button>
                </div>
                <Caption1 className={styles.muted}>
                  {mode === 'office'
                    ? '为本工作簿补上缺少的输入表（含表头和下拉列表），已有的表不会改动。'
                    : '空白模板含全部输入表、表头、下拉列表和填写说明。'}
                </Caption1>
              </>
            ) : null}
          </section>
          </SessionGate>
        </main>
        <Dialog open={confirming} onOpenChange={(_, data) => setConfirming(data.open)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>确认定稿</DialogTitle>
              <DialogContent>
                定稿后，{town}
                {monthText(month)}的考核数据将被锁定，不能再修改。确定定稿吗？
              </DialogContent>
              <DialogActions>
                <Button appearance="secondary" onClick={() => setConfirming(false)}>
                  取消
                </Button>
                <Button appearance="primary" onClick={() => void finalize()}>
                  定稿
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      </div>
    </FluentProvider>
  );
}
