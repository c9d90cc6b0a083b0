/** Browser mode: the values of the row an issue points at, since there is no open sheet to select. */
import { Caption1, Text } from '@fluentui/react-components';
import type { Grid, Issue } from '../../../functions/src/domain/types.js';
import { issueRow } from '../browser/issueRow.js';
import { useStyles } from './styles.js';

export function IssueRowPreview({ grids, issue }: { grids: readonly Grid[]; issue: Issue }) {
  const styles = useStyles();
  const found = issueRow(grids, issue.sheet, issue.cell);
  if (!found) return null;
  const filled = found.cells.filter((c) => c.text !== '');
  return (
    <section className={styles.card} aria-label="问题所在行">
      <Text weight="semibold">
        「{issue.sheet}」第 {found.row} 行（{issue.cell}）
      </Text>
      {filled.length === 0 ? (
        <Caption1 className={styles.muted}>这一行是空的。</Caption1>
      ) : (
        <dl className={styles.rowValues}>
          {filled.map((c, i) => (
            <div key={i}>
              <dt>{c.label}</dt>
              <dd>{c.text}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
