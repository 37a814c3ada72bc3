import type { ByteChunks } from '../bytes';
import { SummaryBuilder, isoDate, list, record, text } from '../builder';
import type { CheckStatus, EvidenceSummary } from '../model';
import { readJson } from '../json';

/**
 * JSON documents that are not scan results but often travel with them: OSCAL catalogs,
 * assessment plans and results (their findings become checks), Jira REST exports, JSON Schemas,
 * npm manifests and lockfiles (their packages become components), and any other JSON.
 */

function countControls(value: unknown): number {
  let count = 0;
  for (const raw of list(record(value)['controls'])) count += 1 + countControls(raw);
  for (const raw of list(record(value)['groups'])) count += countControls(raw);
  return count;
}

const OSCAL_STATE: Record<string, CheckStatus> = { satisfied: 'pass', 'not-satisfied': 'fail' };

export async function parseOscal(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('oscal');
  let controls = 0;
  let results = 0;
  let observations = 0;
  let risks = 0;
  let tasks = 0;
  const addResult = (value: unknown): void => {
    const result = record(value);
    results += 1;
    observations += list(result['observations']).length;
    risks += list(result['risks']).length;
    summary.producedAt ??= isoDate(result['end']) ?? isoDate(result['start']);
    for (const raw of list(result['findings'])) {
      const finding = record(raw);
      const target = record(finding['target']);
      const state = text(record(target['status'])['state']);
      summary.addCheck({
        id: text(target['target-id']) || text(finding['uuid']),
        title: text(finding['title']),
        status: OSCAL_STATE[state] ?? 'notChecked',
        severity: 'unknown',
      });
    }
  };
  await readJson(chunks, {
    paths: [
      '$.*.metadata',
      '$.catalog.groups.*',
      '$.catalog.controls.*',
      '$.assessment-results.results.*',
      '$.results.*',
      '$.assessment-plan.tasks.*',
    ],
    onValue(path, value) {
      const [root, field] = path;
      if (field === 'metadata') {
        const metadata = record(value);
        summary.variant = `OSCAL ${String(root)} ${text(metadata['oscal-version'])}`.trim();
        summary.target = text(metadata['title']) || null;
        summary.details['version'] = text(metadata['version']);
        summary.producedAt ??= isoDate(metadata['last-modified']);
      } else if (root === 'catalog') {
        controls += field === 'controls' ? 1 + countControls(value) : countControls(value);
      } else if (field === 'results' || root === 'results') addResult(value);
      else if (field === 'tasks') tasks += 1;
    },
  });
  if (!summary.variant) summary.variant = 'OSCAL assessment results (results only)';
  if (controls > 0) summary.details['controls'] = controls;
  if (results > 0) Object.assign(summary.details, { results, observations, risks });
  if (tasks > 0) summary.details['tasks'] = tasks;
  return summary.build();
}

export async function parseJira(chunks: ByteChunks, variant: string): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder(
    'jira',
    variant === 'fields' ? 'Jira field list' : 'Jira issues (REST JSON)',
  );
  let issues = 0;
  let fields = 0;
  await readJson(chunks, {
    paths: variant === 'fields' ? ['$.*'] : ['$.issues.*', '$.total'],
    onValue(path, value) {
      if (variant === 'fields') fields += 1;
      else if (path[0] === 'total') summary.details['total'] = Number(value) || 0;
      else issues += 1;
    },
  });
  if (variant === 'fields') summary.details['fields'] = fields;
  else summary.details['issues'] = issues;
  return summary.build();
}

export async function parseNpmManifest(
  chunks: ByteChunks,
  variant: string,
): Promise<EvidenceSummary> {
  const lockfile = variant === 'lockfile';
  const summary = new SummaryBuilder(
    'npm-manifest',
    lockfile ? 'npm lockfile' : 'npm package.json',
  );
  summary.enableComponents();
  await readJson(chunks, {
    paths: [
      '$.name',
      '$.version',
      '$.lockfileVersion',
      '$.packages.*',
      '$.dependencies',
      '$.devDependencies',
    ],
    onValue(path, value) {
      const [field] = path;
      if (field === 'name') summary.target = text(value);
      else if (field === 'version' && summary.target)
        summary.target = `${summary.target}@${text(value)}`;
      else if (field === 'lockfileVersion') summary.variant = `npm lockfile v${text(value)}`;
      else if (field === 'packages' && lockfile) {
        const location = String(path[1]);
        if (location === '') return;
        const entry = record(value);
        const name =
          text(entry['name']) ||
          location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
        summary.addComponent({
          name,
          version: text(entry['version']),
          type: 'npm',
          purl: `pkg:npm/${name.replace('@', '%40')}@${text(entry['version'])}`,
          licenses: text(entry['license']) ? [text(entry['license'])] : [],
        });
      } else if ((field === 'dependencies' || field === 'devDependencies') && !lockfile) {
        for (const [name, range] of Object.entries(record(value))) {
          summary.addComponent({
            name,
            version: text(range),
            type: 'npm',
            purl: null,
            licenses: [],
          });
        }
      }
    },
  });
  return summary.build();
}

export async function parseGenericJson(
  chunks: ByteChunks,
  format: 'json' | 'json-schema',
  variant: string,
): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder(format, variant);
  let topLevel = 0;
  const lines = variant === 'JSON Lines';
  await readJson(chunks, {
    paths: lines ? ['$'] : ['$.*'],
    multiple: lines,
    onValue(path, value) {
      topLevel += 1;
      if (format === 'json-schema' && (path[0] === 'title' || path[0] === '$id'))
        summary.details[String(path[0])] = text(value);
    },
  });
  summary.details[lines ? 'documents' : variant === 'JSON array' ? 'items' : 'topLevelEntries'] =
    topLevel;
  return summary.build();
}
