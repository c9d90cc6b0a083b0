/**
 * The one rounding rule of the product: half-up (四舍五入, halves away from zero), on integers.
 * Money is kept in integer fen and points in integer hundredths; only display converts back.
 */

/**
 * Divides two integers and rounds the quotient half-up (halves away from zero).
 * @param numerator - an integer
 * @param denominator - a positive integer
 */
export function roundHalfUp(numerator: number, denominator = 1): number {
  if (denominator <= 0 || !Number.isInteger(denominator)) throw new RangeError('denominator must be a positive integer');
  if (!Number.isInteger(numerator)) {
    if (denominator !== 1) throw new RangeError('numerator must be an integer');
    return toScaled(numerator, 0);
  }
  const sign = numerator < 0 ? -1 : 1;
  const n = Math.abs(numerator);
  const q = Math.floor(n / denominator);
  const r = n - q * denominator;
  const result = 2 * r >= denominator ? q + 1 : q;
  return result === 0 ? 0 : sign * result;
}

/**
 * Converts a decimal number to an integer count of 10^-digits units, rounding half-up on the decimal
 * the user typed (1.005 → 101 hundredths), not on its binary approximation.
 */
export function toScaled(value: number, digits: number): number {
  if (!Number.isFinite(value)) throw new RangeError('value must be finite');
  const scaled = value * 10 ** digits;
  // Fast path: far from a half, the binary product rounds to the same integer as the typed decimal.
  if (Math.abs(scaled) < 2 ** 50 && Math.abs(scaled - Math.round(scaled)) < 1e-6) return Math.round(scaled) || 0;
  const text = Math.abs(value).toPrecision(15);
  const [mantissa = '0', expPart] = text.split('e');
  const exp = expPart === undefined ? 0 : Number(expPart);
  const [intPart = '0', fracPart = ''] = mantissa.split('.');
  const digitsAll = intPart + fracPart;
  // Position of the decimal point after shifting by exponent and by the wanted digits.
  const point = intPart.length + exp + digits;
  let kept: string;
  let next: number;
  if (point <= 0) {
    kept = '0';
    next = point === 0 ? Number(digitsAll[0] ?? '0') : 0;
  } else if (point >= digitsAll.length) {
    kept = digitsAll + '0'.repeat(point - digitsAll.length);
    next = 0;
  } else {
    kept = digitsAll.slice(0, point);
    next = Number(digitsAll[point]);
  }
  let result = Number(kept) + (next >= 5 ? 1 : 0);
  if (value < 0 && result !== 0) result = -result;
  return result;
}

/** Yuan (as typed) to integer fen. */
export const yuanToFen = (yuan: number): number => toScaled(yuan, 2);

/** Points (as typed) to integer hundredths. */
export const pointsToHundredths = (points: number): number => toScaled(points, 2);

/** Integer hundredths (or fen) back to a JSON number with 2 decimals. */
export const fromHundredths = (units: number): number => units / 100;

/** A rate as a fraction rounded half-up to 4 decimals; 0/0 is null. */
export function rate(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return roundHalfUp(numerator * 10000, denominator) / 10000;
}
