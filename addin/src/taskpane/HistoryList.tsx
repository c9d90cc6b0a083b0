/** The town's computed months: draft or 定稿, by whom and when, and the latest run's figures. */
import { Badge, Caption1, Text } from '@fluentui/react-components';
import type { MonthHistory } from '../api/client.js';
import { monthText, timeText } from '../common/summary.js';
import { useStyles } from './styles.js';

export function HistoryList({ months }: { months: readonly MonthHistory[] | null }) {
  const styles = useStyles();
  if (months === null) return <Text className={styles.muted}>登录后可查看本年度的考核记录。</Text>;
  if (months.length === 0) return <Text className={styles.muted}>本年度还没有考核记录。</Text>;
  return (
    <div role="list" aria-label="考核记录">
      {[...months].reverse().map((m) => (
        <div key={m.month} role="listitem" className={styles.history}>
          <div className={styles.row}>
            <Text weight="semibold">{monthText(m.month)}</Text>
            {m.state === 'final' ? (
              <Badge appearance="filled" color="success">
                已定稿
              </Badge>
            ) : (
              <Badge appearance="outline" color="informative">
                草稿
              </Badge>
            )}
            {m.latestStatus === 'invalid' ? (
              <Badge appearance="tint" color="danger">
                有错误
              </Badge>
            ) : null}
          </div>
          {m.state === 'final' ? (
            <Caption1>
              {m.finalizedBy} 于 {timeText(m.finalizedAt)} 定稿
            </Caption1>
          ) : null}
          <Caption1 className={styles.muted}>
            最近计算 {timeText(m.latestRunAt)} · {m.summary.errors} 个错误 · {m.summary.warnings} 个警告
            {m.summary.firstVillage ? ` · 第一名 ${m.summary.firstVillage}` : ''}
            {m.summary.lastVillage ? ` · 最后一名 ${m.summary.lastVillage}` : ''}
          </Caption1>
        </div>
      ))}
    </div>
  );
}
