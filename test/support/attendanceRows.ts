import type { Grid } from '../../functions/src/domain/types.js';

/**
 * The example's grids with 考勤 replaced by `rows` rows naming people nobody knows, each an
 * error (the inputs of issue 12's B1 and B2).
 */
export function withUnknownAttendance(grids: readonly Grid[], rows: number): Grid[] {
  const edited = structuredClone(grids) as Grid[];
  const sheet = edited.find((grid) => grid.name === '考勤')!;
  const header = sheet.values.findIndex((row) => row.includes('姓名'));
  sheet.values = [
    ...sheet.values.slice(0, header + 1),
    ...Array.from({ length: rows }, (_, i) => [42036, `无名氏${i % 1000}`, '节假日值班', '在岗', '', '周小平']),
  ];
  return edited;
}
