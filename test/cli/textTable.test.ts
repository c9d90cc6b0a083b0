import { describe, expect, it } from 'vitest';
import { formatTable } from '../../functions/src/cli/textTable.js';
import { displayWidth } from '../../functions/src/workbook/textWidth.js';

describe('displayWidth', () => {
  it('counts Chinese characters and full-width punctuation as two columns', () => {
    // Prepare
    const texts = ['B12', '花桥街村', '村名「花桥村」，', '组长 A', '¥1,000.00'];

    // Act
    const widths = texts.map(displayWidth);

    // Assess
    expect(widths).toEqual([3, 8, 16, 6, 9]);
  });
});

describe('formatTable', () => {
  it('aligns mixed Chinese and Latin columns by display width', () => {
    // Prepare
    const headers = ['工作表', '单元格', '说明'];
    const rows = [
      ['对村考核-计生组', 'B12', '村名「花桥村」不存在'],
      ['参数', 'B3', '缺少考核月份'],
    ];

    // Act
    const lines = formatTable(headers, rows);

    // Assess
    expect(lines).toEqual([
      '工作表           单元格  说明',
      '---------------  ------  --------------------',
      '对村考核-计生组  B12     村名「花桥村」不存在',
      '参数             B3      缺少考核月份',
    ]);
  });

  it('right-aligns the columns asked for', () => {
    // Prepare
    const headers = ['组名', '月度得分'];
    const rows = [
      ['计生组', '95.00'],
      ['城建组', '100.00'],
    ];

    // Act
    const lines = formatTable(headers, rows, ['left', 'right']);

    // Assess
    expect(lines).toEqual(['组名    月度得分', '------  --------', '计生组     95.00', '城建组    100.00']);
  });
});
