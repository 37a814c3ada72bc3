import type { ChangeReport } from './model';

/** A report read line by line, so a large text report is never held whole. */
export interface LineReportParser {
  line(line: string, lineNumber: number): void;
  finish(): ChangeReport;
}
