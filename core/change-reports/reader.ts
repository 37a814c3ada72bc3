import { AideTextParser, aideReportFromJson } from './aide';
import { chefReportFromJson } from './chef';
import type { ChangeDetection, ChangeDialect } from './detect';
import { changeDetection, detectChangeReport } from './detect';
import type { LineReportParser } from './lines';
import type { ChangeReport } from './model';
import { ChangeReportError, MAX_REPORT_CHARS } from './model';
import { OssecAlertsParser } from './ossec';
import { puppetReportFromJson, puppetReportFromYaml } from './puppet';
import { TripwireTextParser } from './tripwire';
import { LineSplitter } from '../util/lines';

/**
 * Reads any change report from text pushed in pieces: the dialect is recognised from the first
 * 64 Ki characters (or given), then text reports and alert streams go line by line (lines past
 * `MAX_LINE_CHARS` are skipped with a note), and YAML or JSON documents are read whole, up to
 * MAX_REPORT_CHARS. The evidence parser and the telemetry importer both read through this.
 */
export const DETECT_CHARS = 64 * 1024;
export const MAX_LINE_CHARS = 1024 * 1024;

export interface ReadOptions {
  /** The dialect, when already known; otherwise it is recognised from the head. */
  dialect?: ChangeDialect | undefined;
  /** Minutes east of UTC of report times that carry no zone (Tripwire). */
  utcOffsetMinutes?: number | undefined;
}

const LINE_DIALECTS: Partial<Record<ChangeDialect, (options: ReadOptions) => LineReportParser>> = {
  'aide-text': () => new AideTextParser(),
  'tripwire-text': (options) => new TripwireTextParser(options.utcOffsetMinutes ?? 0),
  'ossec-alerts': () => new OssecAlertsParser(),
};

const DOCUMENT_DIALECTS: Partial<Record<ChangeDialect, (text: string) => ChangeReport>> = {
  'puppet-yaml': puppetReportFromYaml,
  'puppet-json': puppetReportFromJson,
  'chef-data-collector': (text) => chefReportFromJson(text, 'data-collector'),
  'chef-json-handler': (text) => chefReportFromJson(text, 'handler'),
  'aide-json': aideReportFromJson,
};

export class ChangeReportReader {
  private head = '';
  private detection: ChangeDetection | null = null;
  private lines: LineReportParser | null = null;
  private splitter: LineSplitter | null = null;
  private document: string[] = [];
  private documentChars = 0;
  private skippedLines = 0;

  constructor(private readonly options: ReadOptions = {}) {
    if (options.dialect !== undefined) this.begin(changeDetection(options.dialect));
  }

  /** What is being read, once known. */
  get detected(): ChangeDetection | null {
    return this.detection;
  }

  push(text: string): void {
    if (this.detection === null) {
      this.head += text;
      if (this.head.length >= DETECT_CHARS) this.recognise();
      return;
    }
    this.feed(text);
  }

  finish(): ChangeReport {
    if (this.detection === null) this.recognise();
    if (this.lines !== null) {
      this.splitter?.finish();
      const report = this.lines.finish();
      if (this.skippedLines > 0)
        report.notes.push(
          `${this.skippedLines} line${this.skippedLines === 1 ? '' : 's'} longer than ${MAX_LINE_CHARS / 1024 / 1024} MiB skipped.`,
        );
      return report;
    }
    const parse = DOCUMENT_DIALECTS[(this.detection as ChangeDetection).dialect];
    if (parse === undefined) throw new ChangeReportError('No reader for this report.');
    const text = this.document.join('');
    this.document = [];
    return parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  }

  private recognise(): void {
    const detection = detectChangeReport(this.head);
    if (detection === null)
      throw new ChangeReportError(
        'This is not a report Demo Ledger reads as changes (Puppet, Chef Infra, AIDE, Tripwire, OSSEC/Wazuh alerts).',
      );
    const head = this.head;
    this.head = '';
    this.begin(detection);
    this.feed(head);
  }

  private begin(detection: ChangeDetection): void {
    this.detection = detection;
    const lines = LINE_DIALECTS[detection.dialect];
    if (lines === undefined) return;
    const parser = lines(this.options);
    this.lines = parser;
    this.splitter = new LineSplitter((line, lineNumber) => {
      if (line === null) this.skippedLines += 1;
      else parser.line(lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line, lineNumber);
    }, MAX_LINE_CHARS);
  }

  private feed(text: string): void {
    if (this.splitter !== null) {
      this.splitter.pushText(text);
      return;
    }
    this.documentChars += text.length;
    if (this.documentChars > MAX_REPORT_CHARS)
      throw new ChangeReportError(
        `A report read as one document is limited to ${MAX_REPORT_CHARS / 1024 / 1024} Mi characters.`,
      );
    this.document.push(text);
  }
}

/** Reads a whole report held as text (tests, small files). */
export function readChangeReport(text: string, options: ReadOptions = {}): ChangeReport {
  const reader = new ChangeReportReader(options);
  reader.push(text);
  return reader.finish();
}
