/** Collects validation issues in the order they are found. */
import type { Issue, Severity } from './types.js';

/** The growing list of issues of one computation. */
export class IssueList {
  readonly items: Issue[] = [];

  /** Adds an issue that blocks the result. */
  error(sheet: string, cell: string, code: string, message: string): void {
    this.add(sheet, cell, 'error', code, message);
  }

  /** Adds an issue that does not block the result. */
  warning(sheet: string, cell: string, code: string, message: string): void {
    this.add(sheet, cell, 'warning', code, message);
  }

  add(sheet: string, cell: string, severity: Severity, code: string, message: string): void {
    this.items.push({ sheet, cell, severity, code, message });
  }

  get hasErrors(): boolean {
    return this.items.some((i) => i.severity === 'error');
  }
}
