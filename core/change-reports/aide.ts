import { parseInstant } from '../time/instant';
import type { ChangeAction, ChangeReport } from './model';
import {
  ChangeCollector,
  ChangeReportError,
  MAX_CHANGE_ITEMS,
  clip,
  parseJsonDocument,
  recordOf,
  reportFrom,
  textOf,
} from './model';
import type { LineReportParser } from './lines';

/**
 * AIDE integrity check reports (`aide --check`, `--update`, `--compare`), in the plain format
 * (every version) and the JSON format of AIDE 0.18 (`report_format=json`). Added, removed and
 * changed entries are the changes; for a changed entry the attributes that changed are its
 * detail. The summary's own counts are compared with the entries listed. AIDE does not name the
 * host it ran on.
 */

const SECTIONS: Readonly<Record<string, ChangeAction>> = {
  'Added entries:': 'added',
  'Removed entries:': 'removed',
  'Changed entries:': 'changed',
};

const SUMMARY_COUNTS: Readonly<Record<string, keyof Declared>> = {
  'Total number of entries:': 'total',
  'Added entries:': 'added',
  'Removed entries:': 'removed',
  'Changed entries:': 'changed',
};

interface Declared {
  total?: number;
  added?: number;
  removed?: number;
  changed?: number;
}

/** Old AIDE (0.15, 0.16) lists entries as `added: /path` in place of attribute strings. */
const OLD_ENTRY = /^(added|removed|changed): (.+)$/;

export class AideTextParser implements LineReportParser {
  private readonly collected = new ChangeCollector();
  private readonly declared: Declared = {};
  private section: ChangeAction | 'summary' | 'details' | 'other' = 'other';
  private detailPath: string | null = null;
  private readonly indexOf = new Map<string, number>();
  private version = '';
  private producedAt: { at: number; zoned: boolean } | null = null;
  private outline = '';

  line(line: string): void {
    const trimmed = line.trim();
    if (trimmed === '' || /^-{10,}$/.test(trimmed)) return;
    if (this.header(trimmed)) return;
    if (trimmed === 'Summary:') {
      this.section = 'summary';
      return;
    }
    const section = SECTIONS[trimmed];
    if (section !== undefined && !line.startsWith(' ')) {
      this.section = section;
      return;
    }
    if (trimmed === 'Detailed information about changes:') {
      this.section = 'details';
      return;
    }
    if (trimmed.startsWith('The attributes of the')) {
      this.section = 'other';
      return;
    }
    if (this.section === 'summary') this.summaryLine(trimmed);
    else if (this.section === 'details') this.detailLine(line, trimmed);
    else if (this.section !== 'other') this.entry(this.section, trimmed);
    else {
      const old = OLD_ENTRY.exec(trimmed);
      if (old) this.entry(old[1] as ChangeAction, old[2] ?? '', true);
    }
  }

  private header(trimmed: string): boolean {
    if (trimmed.startsWith('Start timestamp: ')) {
      const rest = trimmed.slice('Start timestamp: '.length);
      const paren = rest.indexOf(' (AIDE ');
      this.producedAt = parseInstant(paren === -1 ? rest : rest.slice(0, paren));
      if (paren !== -1) this.version = rest.slice(paren + 7).replace(/\)$/, '');
      return true;
    }
    if (trimmed.startsWith('AIDE') && trimmed.includes('differences between database and')) {
      this.outline = trimmed;
      // AIDE 0.16 and older: `AIDE 0.16 found differences …`.
      const version = /^AIDE ([\d.]+) found/.exec(trimmed);
      if (version && this.version === '') this.version = version[1] ?? '';
      return true;
    }
    return trimmed.startsWith('End timestamp: ');
  }

  private summaryLine(trimmed: string): void {
    for (const [label, key] of Object.entries(SUMMARY_COUNTS)) {
      if (!trimmed.startsWith(label)) continue;
      const count = Number(trimmed.slice(label.length).trim());
      if (Number.isInteger(count)) this.declared[key] = count;
      return;
    }
  }

  private entry(action: ChangeAction, trimmed: string, old = false): void {
    const colon = old ? -1 : trimmed.indexOf(': ');
    const path = colon === -1 ? trimmed : trimmed.slice(colon + 2);
    const flags = colon === -1 ? '' : trimmed.slice(0, colon).trimEnd();
    const kind = KINDS[flags.charAt(0)] ?? 'entry';
    if (this.collected.items.length < MAX_CHANGE_ITEMS)
      this.indexOf.set(path, this.collected.items.length);
    this.collected.add({
      action,
      kind,
      name: clip(path, 1000),
      detail: flags === '' ? '' : `attributes ${flags}`,
      corrective: false,
      host: '',
      at: this.producedAt?.at ?? null,
      level: null,
    });
  }

  /** `File: /path` then ` Size      : 2    | 8` lines: the attributes that changed. */
  private detailLine(line: string, trimmed: string): void {
    const header =
      /^(File|Directory|Link|Char device|Block device|FIFO|Socket|Door|Port): (.+)$/.exec(trimmed);
    if (header && !line.startsWith(' ')) {
      this.detailPath = header[2] ?? null;
      return;
    }
    if (this.detailPath === null) return;
    const index = this.indexOf.get(this.detailPath);
    const item = index === undefined ? undefined : this.collected.items[index];
    if (item === undefined) return;
    const colon = trimmed.indexOf(':');
    if (colon <= 0) return;
    const attribute = trimmed.slice(0, colon).trim();
    const values = trimmed
      .slice(colon + 1)
      .split(' | ')
      .map((part) => part.trim());
    const change =
      attribute === 'Size' && values.length === 2
        ? `size ${values[0] ?? ''} → ${values[1] ?? ''}`
        : attribute.toLowerCase();
    item.detail = clip(
      item.detail.startsWith('attributes ') ? change : `${item.detail}; ${change}`,
      500,
    );
  }

  finish(): ChangeReport {
    if (this.outline === '' && this.producedAt === null && this.collected.items.length === 0)
      throw new ChangeReportError('This is not an AIDE report (no AIDE outline or entries).');
    compareDeclared(this.collected, this.declared);
    return aideReport(
      'plain report',
      this.version,
      this.producedAt,
      this.outline,
      this.collected,
      this.declared,
    );
  }
}

/** The first character of AIDE's attribute string says what the entry is. */
const KINDS: Readonly<Record<string, string>> = {
  f: 'file',
  d: 'directory',
  l: 'link',
  c: 'character device',
  b: 'block device',
  p: 'fifo',
  s: 'socket',
  D: 'door',
  P: 'port',
};

export function aideReportFromJson(text: string): ChangeReport {
  const report = recordOf(parseJsonDocument(text));
  if (typeof report['aide_version'] !== 'string')
    throw new ChangeReportError('This is not an AIDE JSON report (no aide_version).');
  const producedAt = parseInstant(textOf(report['start_time']));
  const collected = new ChangeCollector();
  const details = recordOf(report['details']);
  for (const action of ['added', 'removed', 'changed'] as const) {
    for (const [path, flags] of Object.entries(recordOf(report[action]))) {
      const changes = Object.entries(recordOf(details[path])).map(([attribute, raw]) => {
        const values = recordOf(raw);
        return attribute === 'size'
          ? `size ${textOf(values['old'])} → ${textOf(values['new'])}`
          : attribute;
      });
      const attributes = textOf(flags);
      collected.add({
        action,
        kind: KINDS[attributes.charAt(0)] ?? 'entry',
        name: clip(path, 1000),
        detail: clip(changes.length > 0 ? changes.join('; ') : `attributes ${attributes}`, 500),
        corrective: false,
        host: '',
        at: producedAt?.at ?? null,
        level: null,
      });
    }
  }
  const entries = recordOf(report['number_of_entries']);
  const declared: Declared = {};
  for (const key of ['total', 'added', 'removed', 'changed'] as const)
    if (typeof entries[key] === 'number') declared[key] = entries[key];
  compareDeclared(collected, declared);
  return aideReport(
    'JSON report',
    textOf(report['aide_version']),
    producedAt,
    textOf(report['outline']),
    collected,
    declared,
  );
}

function compareDeclared(collected: ChangeCollector, declared: Declared): void {
  for (const key of ['added', 'removed', 'changed'] as const) {
    const count = declared[key];
    if (count !== undefined && count !== collected.counts[key])
      collected.notes.add(
        `The report's summary counts ${count} ${key} entries; ${collected.counts[key]} were listed.`,
      );
  }
}

function aideReport(
  variant: string,
  version: string,
  producedAt: { at: number; zoned: boolean } | null,
  outline: string,
  collected: ChangeCollector,
  declared: Declared,
): ChangeReport {
  const differences = outline.includes('found differences');
  const details: ChangeReport['details'] = {};
  if (declared.total !== undefined) details['entries checked'] = declared.total;
  if (outline !== '') details['outline'] = clip(outline, 200);
  return reportFrom(collected, {
    tool: 'aide',
    variant,
    version: clip(version, 40),
    host: '',
    producedAt: producedAt?.at ?? null,
    zoneAssumed: producedAt !== null && !producedAt.zoned,
    status: outline.includes('NO differences')
      ? 'unchanged'
      : differences || collected.items.length > 0
        ? 'changed'
        : 'unknown',
    details,
  });
}
