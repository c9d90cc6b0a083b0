/** The issue list: filter by severity; in Excel a click selects the offending cell. */
import { Badge, Caption1, Tab, TabList, Text, mergeClasses } from '@fluentui/react-components';
import { useState } from 'react';
import type { Issue } from '../../../functions/src/domain/types.js';
import { filterIssues, issueCounts, type IssueFilter } from '../common/summary.js';
import { useStyles } from './styles.js';

/** Rows drawn at once; the full list is on the 校验问题 sheet. */
const SHOWN = 300;

export interface IssueListProps {
  issues: readonly Issue[];
  /** Selects the issue's cell in Excel, or shows its row in the browser mode. */
  onSelect?: (issue: Issue) => void;
  /** Which issues `onSelect` can show; the others are plain text, never a dead link. */
  canSelect?: (issue: Issue) => boolean;
  /** What a click does, for the hint above the list and each row's title. */
  selectText?: { hint: string; title: (issue: Issue) => string };
  selected: Issue | null;
}

const SELECT_IN_EXCEL: NonNullable<IssueListProps['selectText']> = {
  hint: '点击一条问题，即可在工作表中选中对应单元格。',
  title: (issue) => `选中「${issue.sheet}」的 ${issue.cell}`,
};

export function IssueList({ issues, onSelect, canSelect = () => true, selectText = SELECT_IN_EXCEL, selected }: IssueListProps) {
  const styles = useStyles();
  const [filter, setFilter] = useState<IssueFilter>('all');
  const { errors, warnings } = issueCounts(issues);
  const shown = filterIssues(issues, filter);
  if (issues.length === 0) return <Text className={styles.muted}>没有问题。</Text>;
  return (
    <div>
      <TabList size="small" selectedValue={filter} onTabSelect={(_, data) => setFilter(data.value as IssueFilter)}>
        <Tab value="all">全部 {issues.length}</Tab>
        <Tab value="error">错误 {errors}</Tab>
        <Tab value="warning">警告 {warnings}</Tab>
      </TabList>
      {onSelect ? <Caption1 className={styles.muted}>{selectText.hint}</Caption1> : null}
      <div role="list" aria-label="问题列表">
        {shown.slice(0, SHOWN).map((issue, index) => {
          const body = (
            <>
              <Badge appearance="filled" color={issue.severity === 'error' ? 'danger' : 'warning'} shape="rounded">
                {issue.severity === 'error' ? '错误' : '警告'}
              </Badge>
              <span className={styles.issuePlace}>
                {issue.sheet}!{issue.cell}
              </span>
              <span className={styles.issueMessage}>{issue.message}</span>
            </>
          );
          const isSelected = selected === issue;
          return onSelect && canSelect(issue) ? (
            <button
              key={index}
              type="button"
              role="listitem"
              className={mergeClasses(styles.issueRow, styles.issueClickable, isSelected && styles.issueSelected)}
              aria-current={isSelected}
              title={selectText.title(issue)}
              onClick={() => onSelect(issue)}
            >
              {body}
            </button>
          ) : (
            <div key={index} role="listitem" className={styles.issueRow}>
              {body}
            </div>
          );
        })}
      </div>
      {shown.length > SHOWN ? (
        <Caption1 className={styles.muted}>
          仅显示前 {SHOWN} 条，共 {shown.length} 条；完整列表见「校验问题」工作表。
        </Caption1>
      ) : null}
    </div>
  );
}
