/** Plain-text tables for the terminal, aligned by display width (a Chinese character takes two columns). */
import { displayWidth } from '../workbook/textWidth.js';

export type Align = 'left' | 'right';

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/**
 * Lays out a header and rows as aligned lines, columns two spaces apart, a dashed rule under
 * the header; the last left-aligned column is not padded so that lines carry no trailing blanks.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string[] {
  const widths = headers.map((header, c) => Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[c] ?? ''))));
  const line = (cells: readonly string[]): string =>
    widths
      .map((width, c) => {
        const alignment = align[c] ?? 'left';
        const last = c === widths.length - 1 && alignment === 'left';
        return last ? (cells[c] ?? '') : pad(cells[c] ?? '', width, alignment);
      })
      .join('  ');
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}
