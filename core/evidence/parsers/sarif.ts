import type { ByteChunks } from '../bytes';
import {
  SummaryBuilder,
  isoDate,
  list,
  numberOrNull,
  record,
  severityFromScore,
  severityFromWord,
  shorten,
  text,
} from '../builder';
import type { EvidenceSummary, FindingKind, Severity } from '../model';
import { readJson } from '../json';

/**
 * SARIF 2.1.0 (CodeQL, ESLint, Gitleaks, Flawfinder, Semgrep ...). Severity follows the
 * `security-severity` score where the rule has one (GitHub's convention), else the result's
 * level. Results that are suppressed or whose kind is not `fail` are counted, not listed; a
 * result is suppressed only by a suppression whose status is `accepted` or absent (SARIF 2.1.0
 * §3.27.23, §3.35.3): one under review or rejected is a finding that says so.
 * A finding's identity (core/model/fingerprint.ts) is `{ruleId, uri, fingerprint}` with the
 * tool's own partial fingerprint (which survives line moves) or else its full fingerprint, and
 * `{ruleId, uri, startLine, snippet}` when the result carries neither.
 */

interface RuleInfo {
  id: string;
  name: string;
  level: string;
  score: number | null;
  tags: string[];
}

export async function parseSarif(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('sarif');
  summary.enableFindings();
  const rulesByRun = new Map<number, RuleInfo[]>();
  const toolNames: string[] = [];
  let suppressed = 0;
  /** Results shown although suppressed in the file, by the suppression's status. */
  const reviewed = new Map<Exclude<Suppression, 'accepted'>, number>();
  let notFailures = 0;
  let version = '';

  await readJson(chunks, {
    paths: [
      '$.version',
      '$.runs.*.tool',
      '$.runs.*.results.*',
      '$.runs.*.versionControlProvenance',
      '$.runs.*.automationDetails',
      '$.runs.*.invocations',
    ],
    onValue(path, value) {
      const run = typeof path[1] === 'number' ? path[1] : 0;
      const field = path[2];
      if (path[0] === 'version') version = text(value);
      else if (field === 'tool') {
        const driver = record(record(value)['driver']);
        const name = text(driver['name']);
        toolNames.push(name);
        if (!summary.tool)
          summary.setTool(name, text(driver['semanticVersion']) || text(driver['version']));
        const rules: RuleInfo[] = [];
        for (const extension of [driver, ...list(record(value)['extensions']).map(record)]) {
          for (const raw of list(extension['rules'])) {
            const rule = record(raw);
            const properties = record(rule['properties']);
            rules.push({
              id: text(rule['id']),
              name: text(record(rule['shortDescription'])['text']) || text(rule['name']),
              level: text(record(rule['defaultConfiguration'])['level']),
              score: numberOrNull(properties['security-severity']),
              tags: list(properties['tags']).map(text),
            });
          }
        }
        rulesByRun.set(run, rules);
      } else if (field === 'results') {
        const result = record(value);
        const suppression = suppressionOf(result['suppressions']);
        if (suppression === 'accepted') {
          suppressed += 1;
          return;
        }
        const kind = text(result['kind']) || 'fail';
        if (kind !== 'fail' && kind !== 'open' && kind !== 'review') {
          notFailures += 1;
          return;
        }
        if (suppression) reviewed.set(suppression, (reviewed.get(suppression) ?? 0) + 1);
        const rules = rulesByRun.get(run) ?? [];
        const ruleIndex =
          numberOrNull(result['ruleIndex']) ?? numberOrNull(record(result['rule'])['index']);
        const ruleId =
          text(result['ruleId']) ||
          text(record(result['rule'])['id']) ||
          (ruleIndex !== null ? (rules[ruleIndex]?.id ?? '') : '');
        const rule =
          (ruleIndex !== null ? rules[ruleIndex] : undefined) ??
          rules.find((entry) => entry.id === ruleId);
        const location = record(record(list(result['locations'])[0])['physicalLocation']);
        const uri = text(record(location['artifactLocation'])['uri']);
        const region = record(location['region']);
        const line = numberOrNull(region['startLine']);
        const level = text(result['level']) || rule?.level || 'warning';
        const severity: Severity =
          rule?.score !== null && rule?.score !== undefined
            ? severityFromScore(rule.score)
            : levelSeverity(level);
        const said = text(record(result['message'])['text']);
        const message = suppression ? `${SUPPRESSION_WORDS[suppression]}. ${said}`.trim() : said;
        const partial = Object.entries(record(result['partialFingerprints']))[0];
        const full = Object.entries(record(result['fingerprints']))[0];
        const stableHash = text(partial?.[1]) || text(full?.[1]);
        summary.addFinding({
          kind: findingKind(rule?.tags ?? [], toolNames[run] ?? ''),
          rule: ruleId || 'unknown-rule',
          title: rule?.name || shorten(message, 120) || ruleId,
          severity,
          location: line === null ? uri : `${uri}:${line}`,
          component: null,
          message: message ? shorten(message) : null,
          ...(suppression ? { suppression } : {}),
          identity: stableHash
            ? { ruleId, uri, fingerprint: stableHash }
            : { ruleId, uri, startLine: line, snippet: text(record(region['snippet'])['text']) },
        });
      } else if (field === 'versionControlProvenance') {
        const provenance = record(list(value)[0]);
        if (text(provenance['revisionId'])) summary.origin.commit = text(provenance['revisionId']);
        if (text(provenance['branch'])) summary.origin.branch = text(provenance['branch']);
        if (text(provenance['repositoryUri'])) summary.target ??= text(provenance['repositoryUri']);
      } else if (field === 'automationDetails') {
        const id = text(record(value)['id']);
        if (id) summary.origin.job = id;
      } else if (field === 'invocations') {
        const invocation = record(list(value)[0]);
        summary.producedAt ??= isoDate(
          text(invocation['endTimeUtc']) || text(invocation['startTimeUtc']),
        );
      }
    },
  });
  summary.variant = `SARIF ${version || '2.1.0'}`;
  summary.details['runs'] = toolNames.length;
  summary.details['tools'] = [...new Set(toolNames)].join(', ');
  if (suppressed > 0) summary.details['suppressed'] = suppressed;
  for (const [status, count] of reviewed) summary.details[`suppression.${status}`] = count;
  if (notFailures > 0) summary.details['notFailures'] = notFailures;
  return summary.build();
}

type Suppression = 'accepted' | 'underReview' | 'rejected' | 'unknown';

const SUPPRESSION_WORDS: Readonly<Record<Exclude<Suppression, 'accepted'>, string>> = {
  underReview: 'Suppression under review',
  rejected: 'Suppression rejected',
  unknown: 'Suppression of a status SARIF does not define',
};

/**
 * A result's suppression state (SARIF 2.1.0 §3.27.23): none when `suppressions` is absent, null
 * or empty; `accepted` when any suppression is accepted or states no status (a suppression
 * without a review is in force, as Microsoft's SARIF viewer treats it); else the status of the
 * others, `underReview` before `rejected`, which leave the result shown.
 */
function suppressionOf(raw: unknown): Suppression | null {
  const statuses = list(raw).map((entry) => text(record(entry)['status']));
  if (statuses.length === 0) return null;
  if (statuses.some((status) => status === '' || status === 'accepted')) return 'accepted';
  if (statuses.includes('underReview')) return 'underReview';
  return statuses.includes('rejected') ? 'rejected' : 'unknown';
}

function levelSeverity(level: string): Severity {
  if (level === 'error') return 'high';
  if (level === 'warning') return 'medium';
  if (level === 'note') return 'low';
  if (level === 'none') return 'info';
  return severityFromWord(level);
}

function findingKind(tags: readonly string[], tool: string): FindingKind {
  if (/gitleaks|secret|trufflehog/i.test(tool)) return 'secret';
  if (tags.some((tag) => /secret/i.test(tag))) return 'secret';
  return 'weakness';
}
