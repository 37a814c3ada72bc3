import { parseCtime } from '../time/instant';
import type { ChangeAction, ChangeReport } from './model';
import { ChangeCollector, ChangeReportError, clip, reportFrom } from './model';
import type { LineReportParser } from './lines';

/**
 * Open Source Tripwire integrity check reports as text: `tripwire --check` prints one, and
 * `twprint --print-report` prints a stored `.twr` at report levels 0 to 4. Levels 2–4 list the
 * added, removed and modified objects under each rule of the Object Summary; level 1 writes one
 * `Added:<TAB>"path"` line per object; level 0 only counts them. The binary `.twr` file itself is
 * signed and compressed: print it with `twprint` first. Tripwire writes the report time in the
 * host's local time without a zone; it is read at the offset given (UTC unless told).
 */
const SECTION_ACTIONS: Readonly<Record<string, ChangeAction>> = {
  'Added:': 'added',
  'Removed:': 'removed',
  'Modified:': 'changed',
};

const LEVEL_ONE = /^(Added|Removed|Modified):\t"(.*)"$/;
const LEVEL_ZERO = /^TWReport (\S+) (\d{14}) V:(\d+) S:(\d+) A:(\d+) R:(\d+) C:(\d+)$/;

type Part = 'header' | 'objects' | 'details' | 'errors' | 'other';

export class TripwireTextParser implements LineReportParser {
  private readonly collected = new ChangeCollector();
  private part: Part = 'header';
  private action: ChangeAction | null = null;
  private rule = '';
  private severity = '';
  private version = '';
  private host = '';
  private producedAt: number | null = null;
  /** 0, 1 or 4 when the report shows which; levels 2 and 3 look the same. */
  private level: number | null = null;
  private scanned: number | null = null;
  private violations: number | null = null;
  private errors = 0;
  private recognised = false;

  constructor(private readonly offsetMinutes = 0) {}

  line(line: string): void {
    const trimmed = line.trim();
    if (trimmed === '' || /^[=-]{20,}$/.test(trimmed)) return;
    if (this.levelZero(trimmed) || this.levelOne(trimmed)) return;
    if (trimmed.includes('Tripwire(R)') && trimmed.endsWith('Integrity Check Report')) {
      this.recognised = true;
      this.version = clip(
        trimmed.slice(trimmed.indexOf('Tripwire(R)') + 12, -' Integrity Check Report'.length),
        40,
      );
      return;
    }
    if (this.switchPart(trimmed)) return;
    if (this.part === 'header') this.headerLine(trimmed);
    else if (this.part === 'objects') this.objectLine(trimmed);
    else if (this.part === 'errors' && trimmed !== 'No Errors' && !trimmed.startsWith('***'))
      this.errors += 1;
  }

  private switchPart(trimmed: string): boolean {
    const parts: Readonly<Record<string, Part>> = {
      'Object Summary:': 'objects',
      'Object Detail:': 'details',
      'Error Report:': 'errors',
      '*** End of report ***': 'other',
    };
    const part = parts[trimmed];
    if (part === undefined) return false;
    this.part = part;
    if (part === 'details') this.level = 4;
    return true;
  }

  private headerLine(trimmed: string): void {
    const value = (label: string) =>
      trimmed.startsWith(label) ? trimmed.slice(label.length).trim() : null;
    const created = value('Report created on:');
    if (created !== null) this.producedAt = parseCtime(created, this.offsetMinutes);
    const host = value('Host name:');
    if (host !== null) this.host = clip(host, 200);
    const scanned = value('Total objects scanned:');
    if (scanned !== null) this.scanned = Number(scanned);
    const violations = value('Total violations found:');
    if (violations !== null) this.violations = Number(violations);
  }

  private objectLine(trimmed: string): void {
    if (trimmed.startsWith('Rule Name: ')) {
      this.rule = clip(trimmed.slice('Rule Name: '.length), 200);
      this.action = null;
      return;
    }
    if (trimmed.startsWith('Severity Level: ')) {
      this.severity = trimmed.slice('Severity Level: '.length);
      return;
    }
    const action = SECTION_ACTIONS[trimmed];
    if (action !== undefined) {
      this.action = action;
      return;
    }
    if (this.action !== null && trimmed.startsWith('"') && trimmed.endsWith('"')) {
      this.add(this.action, trimmed.slice(1, -1));
    }
  }

  private levelOne(trimmed: string): boolean {
    const match = LEVEL_ONE.exec(trimmed);
    if (!match) return false;
    this.recognised = true;
    this.level = 1;
    this.add(SECTION_ACTIONS[`${match[1] ?? ''}:`] ?? 'changed', match[2] ?? '');
    return true;
  }

  private levelZero(trimmed: string): boolean {
    const match = LEVEL_ZERO.exec(trimmed);
    if (!match) return false;
    this.recognised = true;
    this.level = 0;
    this.host = clip(match[1] ?? '', 200);
    const stamp = match[2] ?? '';
    this.producedAt = parseCompactTime(stamp, this.offsetMinutes);
    this.violations = Number(match[3]);
    const counts = this.collected.counts;
    counts.added = Number(match[5]);
    counts.removed = Number(match[6]);
    counts.changed = Number(match[7]);
    this.collected.notes.add(
      'A level 0 report only counts the changes; print it at level 1 or above to list them.',
    );
    return true;
  }

  private add(action: ChangeAction, path: string): void {
    this.collected.add({
      action,
      kind: 'object',
      name: clip(path, 1000),
      detail: this.rule === '' ? '' : clip(`rule ${this.rule}, severity ${this.severity}`, 500),
      corrective: false,
      host: this.host,
      at: this.producedAt,
      level: null,
    });
  }

  finish(): ChangeReport {
    if (!this.recognised) throw new ChangeReportError('This is not a Tripwire report.');
    const counts = this.collected.counts;
    const listed = counts.added + counts.removed + counts.changed;
    if (this.level !== 0 && this.violations !== null && this.violations !== listed)
      this.collected.notes.add(
        `Tripwire counts ${this.violations} violations; ${listed} objects were listed.`,
      );
    if (this.errors > 0)
      this.collected.notes.add(`Tripwire's error report has ${this.errors} lines.`);
    const details: ChangeReport['details'] = {};
    if (this.scanned !== null && Number.isFinite(this.scanned))
      details['objects scanned'] = this.scanned;
    if (this.violations !== null && Number.isFinite(this.violations))
      details['violations'] = this.violations;
    if (this.errors > 0) details['errors'] = this.errors;
    return reportFrom(this.collected, {
      tool: 'tripwire',
      variant: this.level === null ? 'text report' : `text report (level ${this.level})`,
      version: this.version,
      host: this.host,
      producedAt: this.producedAt,
      zoneAssumed: this.producedAt !== null,
      status: listed > 0 ? 'violations' : 'no violations',
      details,
    });
  }
}

/** `20261207053400`, the level 0 report's time (local, no zone). */
function parseCompactTime(stamp: string, offsetMinutes: number): number | null {
  const [year, month, day, hour, minute, second] = [0, 4, 6, 8, 10, 12].map((start) =>
    Number(stamp.slice(start, start === 0 ? 4 : start + 2)),
  );
  const at = Date.UTC(year as number, (month as number) - 1, day, hour, minute, second);
  return Number.isFinite(at) ? at - offsetMinutes * 60_000 : null;
}
