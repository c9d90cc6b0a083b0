/**
 * Corrections (更正) of a finalised month in the pane: the version shown, 申请更正 with a reason
 * for a 秘书, and for 书记/镇长 the differences the correction makes with 批准更正.
 */
import { Body1, Button, Caption1, Field, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import { describeChange } from '../../../functions/src/domain/correction.js';
import type { ApiClient, CorrectionDiff, MonthInfo } from '../api/client.js';
import { describeFailure, type FailureText } from '../common/failure.js';
import { monthText, timeText } from '../common/summary.js';
import { useStyles } from './styles.js';

const APPROVERS = ['书记', '镇长'];
const pts = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(2));

/** The changed entries, villages and groups, before → after. */
function DiffList({ diff }: { diff: CorrectionDiff }) {
  const styles = useStyles();
  const villages = diff.villages.filter((v) => v.changed);
  const groups = diff.groups.filter((g) => g.changed);
  return (
    <div role="list" aria-label="更正内容">
      <Caption1>更正的数据共 {diff.entriesTotal} 处：</Caption1>
      {diff.entries.map((c) => (
        <Text role="listitem" block key={`${c.sheet}!${c.cell}!${c.kind}`}>
          {describeChange(c)}
        </Text>
      ))}
      {villages.length === 0 ? <Caption1 className={styles.muted}>各村得分、排名不变。</Caption1> : null}
      {villages.map((v) => (
        <Text role="listitem" block key={v.village}>
          {v.village}：本月 {pts(v.before?.monthScore)} → {pts(v.after?.monthScore)} 分，排名 {v.before?.monthRank ?? '—'} → {v.after?.monthRank ?? '—'}
        </Text>
      ))}
      {groups.length === 0 ? <Caption1 className={styles.muted}>各组得分、经费不变。</Caption1> : null}
      {groups.map((g) => (
        <Text role="listitem" block key={g.group}>
          {g.group}：得分 {pts(g.before?.monthScore)} → {pts(g.after?.monthScore)}，应发经费 {pts(g.before?.fundPaid)} → {pts(g.after?.fundPaid)} 元
        </Text>
      ))}
    </div>
  );
}

export interface CorrectionPanelProps {
  api: ApiClient;
  info: MonthInfo;
  role: string | undefined;
  busy: boolean;
  /** Reports the outcome (success or failure) in the pane's message bar. */
  onNotice: (notice: FailureText & { intent: 'success' | 'error' }) => void;
  /** The month changed: fetch its state again. */
  onChanged: () => void;
}

export function CorrectionPanel({ api, info, role, busy, onNotice, onChanged }: CorrectionPanelProps) {
  const styles = useStyles();
  const [reason, setReason] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const disabled = busy || working;

  async function act(work: () => Promise<FailureText>) {
    setWorking(true);
    try {
      onNotice({ intent: 'success', ...(await work()) });
      setReason(null);
      onChanged();
    } catch (error) {
      onNotice({ intent: 'error', ...describeFailure(error) });
    } finally {
      setWorking(false);
    }
  }

  const open = () =>
    act(async () => {
      const opened = await api.openCorrection(info.town, info.month, reason ?? '');
      return { title: '已申请更正', message: `${monthText(info.month)}进入更正中：请修正数据后计算考核，再请书记或镇长批准第 ${opened.version} 版。` };
    });
  const approve = () =>
    act(async () => {
      const done = await api.finalize(info.town, info.month);
      return { title: '已批准更正', message: `${monthText(info.month)}第 ${done.version} 版由 ${done.finalizedBy} 于 ${timeText(done.finalizedAt)} 批准，原版本仍可查看。` };
    });

  if (info.state === 'draft') return null;
  const correction = info.correction;
  return (
    <section className={styles.card} aria-label="更正">
      <Body1>
        {correction
          ? `更正中：第 ${correction.version} 版（原因：${correction.reason}；${correction.openedBy} 于 ${timeText(correction.openedAt)} 申请）`
          : `当前为第 ${info.version} 版`}
      </Body1>
      {correction?.diff ? <DiffList diff={correction.diff} /> : null}
      {correction && !correction.diff ? <Caption1 className={styles.muted}>请秘书修正数据后计算考核，计算后在此显示更正内容。</Caption1> : null}
      {correction && role && APPROVERS.includes(role) ? (
        <div className={styles.actions}>
          <Button appearance="primary" disabled={disabled || !correction.diff} onClick={() => void approve()}>
            批准更正
          </Button>
        </div>
      ) : null}
      {correction && role === '秘书' ? <Caption1 className={styles.muted}>更正须由书记或镇长批准。</Caption1> : null}
      {!correction && role === '秘书' ? (
        reason === null ? (
          <div className={styles.actions}>
            <Button disabled={disabled} onClick={() => setReason('')}>
              申请更正
            </Button>
          </div>
        ) : (
          <>
            <Field label="更正原因" required hint="说明哪条数据错了、应改为什么；更正须经书记或镇长批准。">
              <Textarea value={reason} onChange={(_, data) => setReason(data.value)} />
            </Field>
            <div className={styles.actions}>
              <Button appearance="primary" disabled={disabled || reason.trim() === ''} onClick={() => void open()}>
                提交申请
              </Button>
              <Button disabled={disabled} onClick={() => setReason(null)}>
                取消
              </Button>
            </div>
          </>
        )
      ) : null}
    </section>
  );
}
