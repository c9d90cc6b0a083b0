/**
 * "Did you mean" for misspelt names in validation messages (村名「花桥村」不存在，是否为「花桥街村」？).
 */
import { normName } from './normalize.js';

/** Edit distance (insert, delete, substitute) between two code-point arrays. */
function levenshtein(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The closest candidate to a misspelt name, or null when none is close enough. Names are compared
 * after normName; a candidate is close when its Levenshtein distance (on code points) is at most
 * max(1, ⌊longer length / 3⌋) or when one name contains the other (花桥 → 花桥街村). The smallest
 * distance wins, ties go to the candidate listed first; an exact match is returned as is.
 */
const MAX_NAME_LENGTH = 64;

export function suggest(value: string, candidates: readonly string[]): string | null {
  const wanted = normName(value);
  // Names are short; a long text is no misspelt name, and comparing it would cost quadratic time.
  if (wanted === '' || wanted.length > MAX_NAME_LENGTH) return null;
  const wantedChars = Array.from(wanted);
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const name = normName(candidate);
    if (name === '' || name.length > MAX_NAME_LENGTH) continue;
    if (name === wanted) return candidate;
    const chars = Array.from(name);
    const distance = levenshtein(wantedChars, chars);
    const threshold = Math.max(1, Math.floor(Math.max(wantedChars.length, chars.length) / 3));
    const close = distance <= threshold || name.includes(wanted) || wanted.includes(name);
    if (close && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
