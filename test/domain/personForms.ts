/**
 * The columns that name a person and the forms a person may be written in (docs/考核规则.md), and
 * a rewrite of a book's person references into chosen forms, for the resolver's tests.
 */
import type { Book } from './fixtures.js';

/** Every column that names a 人员, by sheet and header. */
export const PERSON_COLUMNS = [
  { sheet: '组别', header: '组长' },
  { sheet: '考勤', header: '姓名' },
  { sheet: '请假', header: '姓名' },
  { sheet: '请假', header: '组长审批' },
  { sheet: '请假', header: '领导审批' },
  { sheet: '月度计划', header: '姓名' },
  { sheet: '问责', header: '姓名' },
  { sheet: '对村考核', header: '责任人' },
] as const;

export type PersonForm = (name: string, id: string) => string;

/** The accepted ways of writing one person. */
export const PERSON_FORMS: Readonly<Record<string, PersonForm>> = {
  姓名: (name) => name,
  工号: (_, id) => id,
  '姓名（工号）': (name, id) => `${name}（${id}）`,
  '姓名(工号)': (name, id) => `${name}(${id})`,
  '带空格': (name, id) => ` ${name} ( ${id} )\u3000`,
};

const FORM_LIST = Object.values(PERSON_FORMS);

/**
 * A copy of the book in which every cell of the person columns that holds the 姓名 of exactly one
 * 人员 with a 工号 is written in the form `pick` chooses (an index into the forms, per cell).
 */
export function rewritePersons(book: Book, pick: (sheet: string, row: number, col: number) => number): Book {
  const staff = book['人员'] ?? [];
  const [nameCol, idCol] = ['姓名', '工号'].map((h) => staff[0]?.indexOf(h) ?? -1);
  const names = staff.slice(1).map((r) => String(r[nameCol!] ?? ''));
  const ids = new Map(staff.slice(1).flatMap((r) => (names.filter((n) => n === r[nameCol!]).length === 1 && r[idCol!] ? [[String(r[nameCol!]), String(r[idCol!])] as const] : [])));
  const copy: Book = Object.fromEntries(Object.entries(book).map(([sheet, rows]) => [sheet, rows.map((r) => [...r])]));
  for (const { sheet, header } of PERSON_COLUMNS) {
    const rows = copy[sheet];
    const col = rows?.[0]?.indexOf(header) ?? -1;
    if (!rows || col < 0) continue;
    for (let row = 1; row < rows.length; row++) {
      const id = ids.get(String(rows[row]![col] ?? ''));
      if (id !== undefined) rows[row]![col] = FORM_LIST[pick(sheet, row, col) % FORM_LIST.length]!(String(rows[row]![col]), id);
    }
  }
  return copy;
}
