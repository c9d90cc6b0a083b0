import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { suggest } from '../../functions/src/domain/suggest.js';

const VILLAGES = ['花桥街村', '桃园村', '桃花冲村', '新民村', '五里牌居委会'] as const;

describe('suggest', () => {
  it('suggests 花桥街村 for the misspelt 花桥村', () => {
    // Prepare
    const value = '花桥村';

    // Act
    const suggestion = suggest(value, VILLAGES);

    // Assess
    expect(suggestion).toBe('花桥街村');
  });

  it('suggests a name that contains the shortened one', () => {
    // Prepare
    const value = '花桥';

    // Act
    const suggestion = suggest(value, VILLAGES);

    // Assess
    expect(suggestion).toBe('花桥街村');
  });

  it('suggests a name contained in the longer one typed', () => {
    // Prepare
    const value = '五里牌居委会社区';

    // Act
    const suggestion = suggest(value, VILLAGES);

    // Assess
    expect(suggestion).toBe('五里牌居委会');
  });

  it('returns the candidate as listed when names match after normalisation', () => {
    // Prepare
    const candidates = ['张 三', '李四'];

    // Act
    const suggestion = suggest(' 张\u3000三 ', candidates);

    // Assess
    expect(suggestion).toBe('张 三');
  });

  it('prefers an exact match over a closer-listed near miss', () => {
    // Prepare
    const candidates = ['桃花冲村', '桃花村'];

    // Act
    const suggestion = suggest('桃花村', candidates);

    // Assess
    expect(suggestion).toBe('桃花村');
  });

  it('breaks a tie of distances by list order', () => {
    // Prepare
    const value = '桃花村';

    // Act
    const first = suggest(value, ['桃园村', '桃花冲村']);
    const reversed = suggest(value, ['桃花冲村', '桃园村']);

    // Assess
    expect(first).toBe('桃园村');
    expect(reversed).toBe('桃花冲村');
  });

  it('prefers the smaller distance over list order', () => {
    // Prepare
    const candidates = ['新民村委会', '新明村'];

    // Act
    const suggestion = suggest('新民村', candidates);

    // Assess
    expect(suggestion).toBe('新明村');
  });

  it('accepts up to a third of the longer name in edits', () => {
    // Prepare
    const candidates = ['欧阳锋锋锋'];

    // Act
    const one = suggest('欧阳锋锋', candidates);
    const two = suggest('欧阳峰锋锋锋', candidates);
    const three = suggest('欧阳峰峰峰', candidates);

    // Assess
    expect(one).toBe('欧阳锋锋锋');
    expect(two).toBe('欧阳锋锋锋');
    expect(three).toBeNull();
  });

  it('counts a character outside the BMP as one edit', () => {
    // Prepare
    const candidates = ['甲村'];

    // Act
    const suggestion = suggest('𠀀村', candidates);

    // Assess
    expect(suggestion).toBe('甲村');
  });

  it.each<[string, readonly string[]]>([
    ['ZZZ', VILLAGES],
    ['', VILLAGES],
    ['\u3000 ', VILLAGES],
    ['花桥村', []],
    ['花桥村', ['', '  ']],
    ['民主村委员会', VILLAGES],
  ])('suggests nothing for %j among %j', (value, candidates) => {
    // Prepare
    const list = candidates;

    // Act
    const suggestion = suggest(value, list);

    // Assess
    expect(suggestion).toBeNull();
  });

  it('returns a listed candidate or null for any input', () => {
    // Prepare
    const names = fc.array(fc.string({ unit: fc.constantFrom(...'花桥街村桃园 新民a') }), { maxLength: 8 });

    // Act + Assess
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'花桥街村桃园 新民a') }), names, (value, candidates) => {
        const suggestion = suggest(value, candidates);
        return suggestion === null || candidates.includes(suggestion);
      }),
    );
  });

  it('finds every listed name again', () => {
    // Prepare
    const names = fc.uniqueArray(fc.string({ minLength: 1, unit: fc.constantFrom(...'花桥街村桃园新民') }), { minLength: 1, maxLength: 8 });

    // Act + Assess
    fc.assert(
      fc.property(names, fc.nat(), (candidates, pick) => {
        const name = candidates[pick % candidates.length] ?? '';
        return suggest(name, candidates) === name;
      }),
    );
  });
});
