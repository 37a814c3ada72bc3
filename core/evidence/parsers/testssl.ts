import type { ByteChunks } from '../bytes';
import { SummaryBuilder, isoDate, list, record, text } from '../builder';
import type { EvidenceSummary, Severity } from '../model';
import { textLines } from '../bytes';
import { readJson } from '../json';

/**
 * testssl.sh results in its three machine formats (flat JSON, pretty JSON, CSV). Every record
 * is counted by testssl's own severity; LOW and above become findings, the rest (OK, INFO,
 * WARN, DEBUG) are kept as counts. FATAL records are testssl's own failures ("Can't connect"):
 * a run made only of them is a failed scan, and one that has them besides results stopped early.
 */

const FINDING_SEVERITY: Record<string, Severity> = {
  LOW: 'low',
  MEDIUM: 'medium',
  HIGH: 'high',
  CRITICAL: 'critical',
};

interface TestsslRecord {
  id: string;
  target: string;
  port: string;
  severity: string;
  finding: string;
  cve: string;
}

function addRecord(summary: SummaryBuilder, item: TestsslRecord, fatal: string[]): void {
  if (item.severity === 'FATAL' && fatal.length < 5) fatal.push(item.finding || item.id);
  const key = `records.${item.severity || 'NONE'}`;
  summary.details[key] = (Number(summary.details[key]) || 0) + 1;
  const severity = FINDING_SEVERITY[item.severity];
  if (!severity) return;
  const location = `${item.target}:${item.port}`;
  summary.addFinding({
    kind: 'tls',
    rule: item.id,
    title: `${item.id}: ${item.finding}`.slice(0, 200),
    severity,
    location,
    component: null,
    message: item.cve || null,
    identity: { id: item.id, location },
  });
}

function fromJson(value: unknown, fallbackTarget = '', fallbackPort = ''): TestsslRecord {
  const item = record(value);
  return {
    id: text(item['id']),
    target: text(item['ip']) || fallbackTarget,
    port: text(item['port']) || fallbackPort,
    severity: text(item['severity']).toUpperCase(),
    finding: text(item['finding']),
    cve: text(item['cve']),
  };
}

export async function parseTestssl(chunks: ByteChunks, variant: string): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('testssl');
  summary.enableFindings();
  summary.setTool('testssl.sh', '');
  const targets = new Set<string>();
  const fatal: string[] = [];
  let records = 0;
  const add = (item: TestsslRecord): void => {
    records += 1;
    addRecord(summary, item, fatal);
  };
  if (variant === 'csv') {
    summary.variant = 'testssl.sh CSV';
    let header: string[] | null = null;
    for await (const line of textLines(chunks)) {
      if (line.trim() === '') continue;
      const cells = parseCsvLine(line);
      if (header === null) {
        header = cells;
        continue;
      }
      const get = (name: string): string => cells[header?.indexOf(name) ?? -1] ?? '';
      const item = {
        id: get('id'),
        target: get('fqdn/ip'),
        port: get('port'),
        severity: get('severity').toUpperCase(),
        finding: get('finding'),
        cve: get('cve'),
      };
      if (item.port && item.target !== '/') targets.add(`${item.target}:${item.port}`);
      add(item);
    }
  } else if (variant === 'pretty') {
    summary.variant = 'testssl.sh pretty JSON';
    await readJson(chunks, {
      paths: ['$.version', '$.startTime', '$.scanResult.*', '$.clientProblem1.*'],
      onValue(path, value) {
        const [field] = path;
        if (field === 'version') summary.setTool('testssl.sh', text(value).trim());
        else if (field === 'startTime') summary.producedAt = isoDate(value);
        else if (field === 'clientProblem1') add(fromJson(value));
        else if (field === 'scanResult') {
          const scan = record(value);
          const ip = text(scan['ip']) || text(scan['targetHost']);
          const port = text(scan['port']);
          targets.add(`${ip}:${port}`);
          for (const section of Object.values(scan)) {
            for (const item of list(section)) add(fromJson(item, ip, port));
          }
        }
      },
    });
  } else {
    summary.variant = 'testssl.sh JSON';
    await readJson(chunks, {
      paths: ['$.*'],
      onValue(_path, value) {
        const item = fromJson(value);
        if (item.port && item.target !== '/') targets.add(`${item.target}:${item.port}`);
        add(item);
      },
    });
  }
  summary.target = [...targets].join(', ') || null;
  const fatalCount = Number(summary.details['records.FATAL']) || 0;
  if (fatalCount > 0) {
    const words = fatal.join('; ');
    if (fatalCount === records) summary.scanFailed(`testssl.sh could not scan: ${words}`);
    else
      summary.scanIncomplete(
        `testssl.sh stopped with ${fatalCount} fatal problem${fatalCount === 1 ? '' : 's'}: ${words}`,
      );
  } else if (records === 0) summary.scanIncomplete('The file holds no testssl.sh results.');
  return summary.build();
}

/** One CSV record per line, double-quoted fields with "" escapes (testssl's own output). */
export function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}
