/**
 * The one way to name a person (SPEC §3): every column that names a 人员 accepts the 姓名 (when no
 * one else has it), the 工号, or 姓名（工号） / 姓名(工号) — full- or half-width brackets, spaces
 * anywhere ignored — and every column gives the same error, with a suggestion, when it cannot.
 */
import type { Person } from './readModel.js';
import { normName } from './normalize.js';
import { suggest } from './suggest.js';

/** What a person reference resolves to: the person, or the error every person column reports. */
export type PersonResolution =
  | { person: Person }
  | { person: null; code: 'unknown_person' | 'ambiguous_person'; message: string; withId: boolean };

const WITH_ID = /^(.+?)[(（]([^()（）]+)[)）]$/u;

/** Spaces of any width removed; letters and digits of the 工号 compared in their half-width form. */
const compact = (value: string): string => value.replace(/\s+/gu, '');
const idKey = (id: string): string => compact(id).normalize('NFKC');

/** How a person is written when the 工号 is needed. */
export const withIdForm = (p: Person): string => (p.id ? `${p.name}（${p.id}）` : p.name);

/** Resolves person references against the 人员 sheet. */
export class PersonDirectory {
  private readonly byName = new Map<string, Person[]>();
  private readonly byId = new Map<string, Person>();

  constructor(readonly persons: readonly Person[]) {
    for (const p of persons) {
      const key = compact(p.name);
      this.byName.set(key, [...(this.byName.get(key) ?? []), p]);
      if (p.id && !this.byId.has(idKey(p.id))) this.byId.set(idKey(p.id), p);
    }
  }

  private distinctNames: string[] | undefined;
  private readonly byCell = new Map<string, Person | null>();

  /**
   * The person a plain cell text (see `plainText`) names, remembered per text: a column names the
   * same few people on thousands of rows. Null when it names nobody; the full reader then reports.
   */
  personOf(cell: string): Person | null {
    let person = this.byCell.get(cell);
    if (person === undefined) this.byCell.set(cell, (person = this.resolve(normName(cell)).person));
    return person;
  }

  /** Every 姓名 of 人员, for suggestions. */
  names(): string[] {
    return (this.distinctNames ??= [...new Set(this.persons.map((p) => p.name))]);
  }

  /** Resolves `value` (a cell's text) to one person, or explains why it cannot. */
  resolve(value: string): PersonResolution {
    const text = compact(value);
    const parts = WITH_ID.exec(text);
    if (parts) return this.resolveWithId(value, parts[1]!, parts[2]!);
    const byId = this.byId.get(idKey(text));
    if (byId) return { person: byId };
    const named = this.byName.get(text) ?? [];
    if (named.length === 1) return { person: named[0]! };
    if (named.length > 1) {
      const forms = named.map((p) => `「${withIdForm(p)}」`).join('或');
      return { person: null, code: 'ambiguous_person', withId: false, message: `「${value}」在人员表中有 ${named.length} 人重名，请写成「姓名（工号）」：${forms}。` };
    }
    return this.unknown(value, () => suggest(text, this.names()), false);
  }

  private resolveWithId(value: string, name: string, id: string): PersonResolution {
    const byId = this.byId.get(idKey(id));
    if (byId && compact(byId.name) === name) return { person: byId };
    const named = this.byName.get(name) ?? [];
    const why = byId ? `工号「${id}」是「${byId.name}」的工号` : `工号「${id}」不在人员表中`;
    const near = () => (named.length > 0 ? named.map(withIdForm).join('」或「') : byId ? withIdForm(byId) : suggest(name, this.names()));
    return this.unknown(value, near, true, why);
  }

  // Many cells hold a role or an approval mark rather than a person (责任人 支书, 组长审批 同意): the
  // suggestion, an edit distance to every 姓名, is worked out only when the message is read.
  private unknown(value: string, near: () => string | null, withId: boolean, why?: string): PersonResolution {
    let message: string | undefined;
    return {
      person: null,
      code: 'unknown_person',
      withId,
      get message() {
        if (message === undefined) {
          const found = near();
          const hint = found ? `，是否为「${found}」？` : '，请检查姓名或工号。';
          message = `人员「${value}」不存在${why ? `（${why}）` : ''}${hint}`;
        }
        return message;
      },
    };
  }
}
