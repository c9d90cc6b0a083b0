import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  displayValue,
  isBlank,
  isExcelError,
  isoToSerial,
  normHeader,
  normName,
  normText,
  parseDate,
  parseMonth,
  parseNumber,
  parseYesNo,
  serialMonth,
  serialToIso,
} from '../../functions/src/domain/normalize.js';

const MAX_SERIAL = 2958465;

describe('isBlank', () => {
  it.each([null, undefined, '', ' ', '\t\n', '\u3000', '\u00a0', ' \u3000\u00a0 ', '\u200b'])(
    'treats %j as blank',
    (value) => {
      // Prepare
      const cell: unknown = value;

      // Act
      const blank = isBlank(cell);

      // Assess
      expect(blank).toBe(true);
    },
  );

  it.each([0, false, 'a', ' 张三 ', '0', '#N/A'])('treats %j as filled', (value) => {
    // Prepare
    const cell: unknown = value;

    // Act
    const blank = isBlank(cell);

    // Assess
    expect(blank).toBe(false);
  });
});

describe('isExcelError', () => {
  it.each(['#REF!', '#N/A', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA', ' #N/A '])(
    'recognises %j',
    (value) => {
      // Prepare
      const cell: unknown = value;

      // Act
      const error = isExcelError(cell);

      // Assess
      expect(error).toBe(true);
    },
  );

  it.each(['#', '#REF', 'N/A', '#其他!', 0, null, true, '备注#N/A'])('does not take %j for an error', (value) => {
    // Prepare
    const cell: unknown = value;

    // Act
    const error = isExcelError(cell);

    // Assess
    expect(error).toBe(false);
  });
});

describe('parseNumber', () => {
  it.each<[unknown, number]>([
    [3, 3],
    [-2.5, -2.5],
    [-0, 0],
    ['12', 12],
    [' 12 ', 12],
    ['\u3000１２\u3000', 12],
    ['１，２３４．５', 1234.5],
    ['1,234.5', 1234.5],
    ['1，234', 1234],
    ['12,345,678', 12345678],
    ['−3', -3],
    ['－3', -3],
    ['-3分', -3],
    ['＋1.5', 1.5],
    ['+1.5', 1.5],
    ['扣2分', -2],
    ['扣2', -2],
    ['扣 2 分', -2],
    ['扣０．５分', -0.5],
    ['减3分', -3],
    ['加1.5分', 1.5],
    ['加1.5', 1.5],
    ['2分', 2],
    ['100元', 100],
    ['1万', 10000],
    ['1万元', 10000],
    ['1.5万', 15000],
    ['1.23456万', 12345.6],
    ['.5', 0.5],
    ['2.', 2],
    ['扣0分', 0],
    ['¥1,234.50', 1234.5],
    ['￥30元', 30],
    ['2天', 2],
    ['0.5天', 0.5],
    ['120户', 120],
    ['3次', 3],
  ])('reads %j as %d', (cell, expected) => {
    // Prepare
    const value: unknown = cell;

    // Act
    const parsed = parseNumber(value);

    // Assess
    expect(parsed).toEqual({ ok: true, value: expected });
    expect(Object.is(parsed.ok && parsed.value, -0)).toBe(false);
  });

  it.each<[unknown, 'empty' | 'error' | 'invalid']>([
    [null, 'empty'],
    [undefined, 'empty'],
    ['', 'empty'],
    [' ', 'empty'],
    ['\u3000', 'empty'],
    ['#N/A', 'error'],
    ['#REF!', 'error'],
    ['#DIV/0!', 'error'],
    ['2.5%', 'invalid'],
    ['abc', 'invalid'],
    ['扣分', 'invalid'],
    ['扣-2', 'invalid'],
    ['--2', 'invalid'],
    ['1,23', 'invalid'],
    ['1,2345', 'invalid'],
    ['1.2.3', 'invalid'],
    ['.', 'invalid'],
    ['1万分', 'invalid'],
    ['1e3', 'invalid'],
    [true, 'invalid'],
    [false, 'invalid'],
    [Number.NaN, 'invalid'],
    [Number.POSITIVE_INFINITY, 'invalid'],
    [{}, 'invalid'],
    ['9'.repeat(400), 'invalid'],
  ])('rejects %j as %s', (cell, reason) => {
    // Prepare
    const value: unknown = cell;

    // Act
    const parsed = parseNumber(value);

    // Assess
    expect(parsed).toEqual({ ok: false, reason });
  });

  it('never throws and returns a finite number or a reason for any value', () => {
    // Prepare
    const anyCell = fc.oneof(fc.anything(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...'扣加减万元分+-−－，,．.0１9 \u3000') }));

    // Act + Assess
    fc.assert(
      fc.property(anyCell, (cell) => {
        const parsed = parseNumber(cell);
        return parsed.ok ? Number.isFinite(parsed.value) : ['empty', 'error', 'invalid'].includes(parsed.reason);
      }),
    );
  });

  it('reads back any finite number written as text', () => {
    // Prepare
    const numbers = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 });

    // Act + Assess
    fc.assert(
      fc.property(numbers, (n) => {
        const text = n.toFixed(2);
        const parsed = parseNumber(text);
        return parsed.ok && parsed.value === Number(text);
      }),
    );
  });
});

describe('serialToIso and isoToSerial', () => {
  it.each<[number, string]>([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [60, '1900-02-29'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [36526, '2000-01-01'],
    [42035, '2015-01-31'],
    [42036, '2015-02-01'],
    [42063, '2015-02-28'],
    [42064, '2015-03-01'],
    [42096, '2015-04-02'],
    [42429, '2016-02-29'],
    [MAX_SERIAL, '9999-12-31'],
  ])('maps serial %d to %s and back', (serial, iso) => {
    // Prepare
    const day = serial;

    // Act
    const text = serialToIso(day);
    const back = isoToSerial(iso);

    // Assess
    expect(text).toBe(iso);
    expect(back).toBe(serial);
  });

  it('drops the time of day of a fractional serial', () => {
    // Prepare
    const serial = 42096.999;

    // Act
    const iso = serialToIso(serial);

    // Assess
    expect(iso).toBe('2015-04-02');
  });

  it.each([0, -1, MAX_SERIAL + 1, Number.NaN])('refuses serial %d', (serial) => {
    // Prepare
    const day = serial;

    // Act
    const convert = () => serialToIso(day);

    // Assess
    expect(convert).toThrow(RangeError);
  });

  it.each(['2015-02-29', '2015-13-01', '2015-4-2', '1899-12-31', 'abc', '2015-04-00'])('refuses date %j', (iso) => {
    // Prepare
    const text = iso;

    // Act
    const convert = () => isoToSerial(text);

    // Assess
    expect(convert).toThrow(RangeError);
  });

  it('round-trips every serial from 61 to the last one', () => {
    // Prepare
    const serials = fc.integer({ min: 61, max: MAX_SERIAL });

    // Act + Assess
    fc.assert(fc.property(serials, (serial) => isoToSerial(serialToIso(serial)) === serial));
  });

  it('counts consecutive serials as consecutive calendar days', () => {
    // Prepare
    const serials = fc.integer({ min: 1, max: MAX_SERIAL - 1 });

    // Act + Assess
    fc.assert(
      fc.property(serials, (serial) => {
        const [y, m, d] = serialToIso(serial).split('-').map(Number) as [number, number, number];
        const next = serialToIso(serial + 1);
        const month = `${y}-${String(m).padStart(2, '0')}`;
        // Days in the month by the Gregorian calendar: day 0 of the next month is this month's last.
        const lastDay = serial === 59 ? 28 : serial === 60 ? 29 : new Date(Date.UTC(y, m, 0)).getUTCDate();
        return d < lastDay ? next === `${month}-${String(d + 1).padStart(2, '0')}` : next.endsWith('-01');
      }),
    );
  });
});

describe('serialMonth', () => {
  it('gives the month of a serial', () => {
    // Prepare
    const serial = 42096;

    // Act
    const month = serialMonth(serial);

    // Assess
    expect(month).toBe('2015-04');
  });
});

describe('parseDate', () => {
  it.each<[unknown, number]>([
    [42096, 42096],
    [42096.75, 42096],
    [1, 1],
    [59, 59],
    [60, 60],
    [61, 61],
    [MAX_SERIAL, MAX_SERIAL],
    ['2015-04-02', 42096],
    ['2015-4-2', 42096],
    ['2015/4/2', 42096],
    ['2015/04/02', 42096],
    ['2015.4.2', 42096],
    ['2015年4月2日', 42096],
    ['2015年4月2号', 42096],
    ['2015 年 4 月 2 日', 42096],
    ['２０１５年４月２日', 42096],
    [' 2015-04-02 ', 42096],
    ['2015-04-02 09:30', 42096],
    ['2015-04-02 9:30:15', 42096],
    ['2015-04-02T09:30:00', 42096],
    ['2015年4月2日 09:30', 42096],
    ['2016-02-29', 42429],
    ['1900-02-28', 59],
    ['1900-02-29', 60],
    ['1900-03-01', 61],
    ['2015-01-31', 42035],
    [new Date(Date.UTC(2015, 3, 2, 12, 30)), 42096],
  ])('reads %j as serial %d', (cell, expected) => {
    // Prepare
    const value: unknown = cell;

    // Act
    const parsed = parseDate(value, null);

    // Assess
    expect(parsed).toEqual({ ok: true, value: expected });
  });

  it.each(['4月2日', '4月2号', '４月２日', '4 月 2 日'])('takes the year of %j from the 年度', (cell) => {
    // Prepare
    const year = 2015;

    // Act
    const parsed = parseDate(cell, year);

    // Assess
    expect(parsed).toEqual({ ok: true, value: 42096 });
  });

  it('ignores the 年度 when the text carries its own year', () => {
    // Prepare
    const year = 2020;

    // Act
    const parsed = parseDate('2015-04-02', year);

    // Assess
    expect(parsed).toEqual({ ok: true, value: 42096 });
  });

  it.each<[unknown, number | null, 'empty' | 'error' | 'invalid']>([
    [null, 2015, 'empty'],
    ['', 2015, 'empty'],
    ['\u3000', 2015, 'empty'],
    ['#N/A', 2015, 'error'],
    ['#VALUE!', 2015, 'error'],
    ['4月2日', null, 'invalid'],
    ['2月29日', 2015, 'invalid'],
    ['2015-02-29', 2015, 'invalid'],
    ['2015-02-30', 2015, 'invalid'],
    ['2015-13-01', 2015, 'invalid'],
    ['2015-04-31', 2015, 'invalid'],
    ['2015-00-10', 2015, 'invalid'],
    ['2015-4/2', 2015, 'invalid'],
    ['2015-04-02 25:00', 2015, 'invalid'],
    ['2015-04-02 上午', 2015, 'invalid'],
    ['2015-04', 2015, 'invalid'],
    ['1899-12-31', 2015, 'invalid'],
    ['昨天', 2015, 'invalid'],
    [0, 2015, 'invalid'],
    [-5, 2015, 'invalid'],
    [MAX_SERIAL + 1, 2015, 'invalid'],
    [Number.NaN, 2015, 'invalid'],
    [true, 2015, 'invalid'],
    [new Date(Number.NaN), 2015, 'invalid'],
  ])('rejects %j (年度 %j) as %s', (cell, year, reason) => {
    // Prepare
    const value: unknown = cell;

    // Act
    const parsed = parseDate(value, year);

    // Assess
    expect(parsed).toEqual({ ok: false, reason });
  });

  it('reads back the ISO text of every serial', () => {
    // Prepare
    const serials = fc.integer({ min: 1, max: MAX_SERIAL });

    // Act + Assess
    fc.assert(
      fc.property(serials, (serial) => {
        const parsed = parseDate(serialToIso(serial), null);
        return parsed.ok && parsed.value === serial;
      }),
    );
  });

  it('never throws on any value', () => {
    // Prepare
    const anyCell = fc.oneof(fc.anything(), fc.string({ unit: fc.constantFrom(...'2015-4/.年月日号 :T0９') }));

    // Act + Assess
    fc.assert(fc.property(anyCell, fc.option(fc.integer()), (cell, year) => typeof parseDate(cell, year).ok === 'boolean'));
  });
});

describe('parseMonth', () => {
  it.each<[unknown, number | null, string]>([
    ['2015-04', null, '2015-04'],
    ['2015-4', null, '2015-04'],
    ['2015/04', null, '2015-04'],
    ['2015.4', null, '2015-04'],
    ['2015.10', null, '2015-10'],
    ['2015年4月', null, '2015-04'],
    ['2015年4月份', null, '2015-04'],
    ['２０１５年１２月', null, '2015-12'],
    ['4月', 2015, '2015-04'],
    ['4月份', 2015, '2015-04'],
    ['12月', 2016, '2016-12'],
    ['4', 2015, '2015-04'],
    [4, 2015, '2015-04'],
    ['2015-04-02', null, '2015-04'],
    ['2015年4月2日', null, '2015-04'],
    ['4月2日', 2015, '2015-04'],
    [42096, null, '2015-04'],
    [42096.5, null, '2015-04'],
    [42063, null, '2015-02'],
  ])('reads %j (年度 %j) as %s', (cell, year, expected) => {
    // Prepare
    const value: unknown = cell;

    // Act
    const parsed = parseMonth(value, year);

    // Assess
    expect(parsed).toEqual({ ok: true, value: expected });
  });

  it.each<[unknown, number | null, 'empty' | 'error' | 'invalid']>([
    ['', 2015, 'empty'],
    [null, 2015, 'empty'],
    ['#REF!', 2015, 'error'],
    ['2015-13', 2015, 'invalid'],
    ['2015-00', 2015, 'invalid'],
    ['13月', 2015, 'invalid'],
    ['4月', null, 'invalid'],
    [4, null, 'invalid'],
    ['2015', 2015, 'invalid'],
    ['2015-02-30', 2015, 'invalid'],
    ['四月', 2015, 'invalid'],
    [0, 2015, 'invalid'],
    [false, 2015, 'invalid'],
  ])('rejects %j (年度 %j) as %s', (cell, year, reason) => {
    // Prepare
    const value: unknown = cell;

    // Act
    const parsed = parseMonth(value, year);

    // Assess
    expect(parsed).toEqual({ ok: false, reason });
  });
});

describe('parseYesNo', () => {
  it.each<[unknown, boolean]>([
    ['是', true],
    ['否', false],
    ['√', true],
    ['×', false],
    ['✓', true],
    ['✔', true],
    ['✗', false],
    ['✘', false],
    ['x', false],
    ['X', false],
    ['Y', true],
    ['y', true],
    ['N', false],
    ['n', false],
    ['Yes', true],
    ['NO', false],
    ['已', true],
    ['未', false],
    ['已上交', true],
    ['未审批', false],
    ['同意', true],
    [' 是 ', true],
    ['Ｙ', true],
    [true, true],
    [false, false],
    ['TRUE', true],
    ['false', false],
    [1, true],
    [0, false],
  ])('reads %j as %j', (cell, expected) => {
    // Prepare
    const value: unknown = cell;

    // Act
    const parsed = parseYesNo(value);

    // Assess
    expect(parsed).toEqual({ ok: true, value: expected });
  });

  it.each<[unknown, 'empty' | 'error' | 'invalid']>([
    ['', 'empty'],
    [null, 'empty'],
    ['\u3000', 'empty'],
    ['#N/A', 'error'],
    ['可能', 'invalid'],
    ['maybe', 'invalid'],
    [2, 'invalid'],
    ['已经上交代管中心了', 'invalid'],
  ])('rejects %j as %s', (cell, reason) => {
    // Prepare
    const value: unknown = cell;

    // Act
    const parsed = parseYesNo(value);

    // Assess
    expect(parsed).toEqual({ ok: false, reason });
  });
});

describe('normName', () => {
  it.each<[unknown, string]>([
    [' 张三 ', '张三'],
    ['张 三', '张三'],
    ['张\u3000三', '张三'],
    ['\u00a0李四\u3000', '李四'],
    ['花桥 街村', '花桥街村'],
    [1001, '1001'],
    [null, ''],
    ['   ', ''],
  ])('normalises %j to %j', (cell, expected) => {
    // Prepare
    const value: unknown = cell;

    // Act
    const name = normName(value);

    // Assess
    expect(name).toBe(expected);
  });
});

describe('normText', () => {
  it.each<[unknown, string]>([
    ['  按时完成 任务  ', '按时完成 任务'],
    ['\u3000备注\u3000', '备注'],
    [12.5, '12.5'],
    [0.1 + 0.2, '0.3'],
    [-0, '0'],
    [true, 'TRUE'],
    [false, 'FALSE'],
    [null, ''],
    [undefined, ''],
    [' ', ''],
    [Object.create(null), ''],
  ])('normalises %j to %j', (cell, expected) => {
    // Prepare
    const value: unknown = cell;

    // Act
    const text = normText(value);

    // Assess
    expect(text).toBe(expected);
  });
});

describe('normHeader', () => {
  it.each<[unknown, string]>([
    ['年度工作经费（元）', '年度工作经费'],
    [' 加减分(分) ', '加减分'],
    ['知晓率(%)', '知晓率'],
    ['知晓率（％）', '知晓率'],
    ['天数（天）', '天数'],
    ['调查户数(户)', '调查户数'],
    ['金额(万元)', '金额'],
    ['细 则 编 号', '细则编号'],
    ['村\u3000名', '村名'],
    ['ＩＤ', 'id'],
    ['Name', 'name'],
    ['金额(元)(万)', '金额'],
    ['备注(请写明原因)', '备注(请写明原因)'],
    ['（元）', ''],
    [null, ''],
  ])('normalises %j to %j', (cell, expected) => {
    // Prepare
    const value: unknown = cell;

    // Act
    const header = normHeader(value);

    // Assess
    expect(header).toBe(expected);
  });

  it('is idempotent', () => {
    // Prepare
    const headers = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom(...'()（）元分%％ \u3000aAＡ村名') }),
    );

    // Act + Assess
    fc.assert(fc.property(headers, (header) => normHeader(normHeader(header)) === normHeader(header)));
  });
});

describe('displayValue', () => {
  it.each<[unknown, string]>([
    [' 花桥村 ', '花桥村'],
    ['abc', 'abc'],
    [42096, '42096'],
    [1.5, '1.5'],
    [0.1 + 0.2, '0.3'],
    [true, 'TRUE'],
    [false, 'FALSE'],
    ['', '（空）'],
    [' \u3000', '（空）'],
    [null, '（空）'],
    [undefined, '（空）'],
    ['#N/A', '#N/A'],
    [new Date(Date.UTC(2015, 3, 2)), '2015-04-02'],
  ])('quotes %j as %j', (cell, expected) => {
    // Prepare
    const value: unknown = cell;

    // Act
    const text = displayValue(value);

    // Assess
    expect(text).toBe(expected);
  });
});
