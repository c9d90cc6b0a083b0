/** The result at a glance: first and last villages, the groups' money, and the village chart. */
import {
  Caption1,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { AssessmentResult, VillageResult } from '../../../functions/src/domain/types.js';
import { byRank, money, monthText, points, rankExtremes } from '../common/summary.js';
import { useStyles } from './styles.js';

const BAR_HEIGHT = 18;
const BAR_GAP = 6;
const LABEL_WIDTH = 84;
const VALUE_WIDTH = 52;

/** Horizontal bars of the month scores in rank order; the last place in red. */
function VillageChart({ villages }: { villages: readonly VillageResult[] }) {
  const ranked = byRank(villages);
  const scores = ranked.map((v) => v.monthScore);
  const low = Math.min(0, ...scores);
  const high = Math.max(100, ...scores);
  const worst = Math.max(...ranked.map((v) => v.monthRank));
  const width = 360;
  const plot = width - LABEL_WIDTH - VALUE_WIDTH;
  const x = (value: number) => LABEL_WIDTH + ((value - low) / (high - low)) * plot;
  const height = ranked.length * (BAR_HEIGHT + BAR_GAP);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: `${width * 1.5}px` }} role="img" aria-label="各村本月得分">
      {ranked.map((v, i) => {
        const y = i * (BAR_HEIGHT + BAR_GAP);
        const start = x(Math.min(0, v.monthScore));
        const end = x(Math.max(0, v.monthScore));
        const color =
          v.monthRank === worst && worst > 1
            ? tokens.colorPaletteRedBackground3
            : v.monthRank === 1
              ? tokens.colorPaletteGreenBackground3
              : tokens.colorBrandBackground;
        return (
          <g key={v.village}>
            <text x={LABEL_WIDTH - 6} y={y + BAR_HEIGHT - 5} textAnchor="end" fontSize="13" style={{ fill: tokens.colorNeutralForeground1 }}>
              {v.village}
            </text>
            <rect x={start} y={y} width={Math.max(1, end - start)} height={BAR_HEIGHT} rx="2" style={{ fill: color }} />
            <text x={end + 4} y={y + BAR_HEIGHT - 5} fontSize="13" style={{ fill: tokens.colorNeutralForeground2 }}>
              {points(v.monthScore)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function ResultSummary({ result }: { result: AssessmentResult }) {
  const styles = useStyles();
  const { first, last } = rankExtremes(result.villages);
  const names = (vs: VillageResult[]) => vs.map((v) => v.village).join('、') || '—';
  return (
    <div className={styles.form}>
      <Subtitle2>
        {result.town}
        {monthText(result.month)}考核结果
      </Subtitle2>
      <div className={styles.stats}>
        <div className={mergeClasses(styles.stat, styles.first)}>
          <Caption1>本月第一名</Caption1>
          <Text weight="semibold">{names(first)}</Text>
          <Caption1>{first[0] ? `${points(first[0].monthScore)} 分` : ''}</Caption1>
        </div>
        <div className={mergeClasses(styles.stat, styles.last)}>
          <Caption1>本月最后一名</Caption1>
          <Text weight="semibold">{names(last)}</Text>
          <Caption1>{last[0] ? `${points(last[0].monthScore)} 分` : ''}</Caption1>
        </div>
      </div>
      <Subtitle2>各组得分与经费</Subtitle2>
      <div className={styles.tableWrap}>
        <Table size="small" aria-label="各组得分与经费" className={styles.autoTable}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>组名 / 组长</TableHeaderCell>
              <TableHeaderCell className={styles.numberHeader}>得分</TableHeaderCell>
              <TableHeaderCell className={styles.numberHeader}>组长扣款</TableHeaderCell>
              <TableHeaderCell className={styles.numberHeader}>应发经费</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {result.groups.map((g) => (
              <TableRow key={g.group}>
                <TableCell>
                  <div className={styles.nowrap}>{g.group}</div>
                  <Caption1 className={styles.muted}>{g.leader}</Caption1>
                </TableCell>
                <TableCell className={styles.number}>{points(g.monthScore)}</TableCell>
                <TableCell className={mergeClasses(styles.number, g.leaderPenalty > 0 && styles.negative)}>{money(g.leaderPenalty)}</TableCell>
                <TableCell className={styles.number}>{money(g.fundPaid)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Caption1 className={styles.muted}>金额单位：元。组长扣款为本组组员缺签、旷工的扣款。</Caption1>
      <Subtitle2>各村本月得分</Subtitle2>
      <VillageChart villages={result.villages} />
    </div>
  );
}
