import { z } from 'zod';

/**
 * Where collected evidence came from, read from the CI system's own environment variables
 * (GitHub Actions, GitLab CI, Jenkins) or stated by hand with `--origin key=value`. Every value
 * records its source (the variable's name, or `--origin`), so a reader can tell what the CI
 * system said from what a pipeline author typed. Only the variables named here are read: the
 * rest of a CI environment holds secrets.
 */

export const CI_SYSTEMS = ['github-actions', 'gitlab-ci', 'jenkins', 'manual', 'none'] as const;
export type CiSystem = (typeof CI_SYSTEMS)[number];

export const PROVENANCE_FIELDS = [
  'repository',
  'commit',
  'ref',
  'pipeline',
  'pipelineUrl',
  'job',
  'runId',
  'runAttempt',
  'runUrl',
  'server',
] as const;
export type ProvenanceField = (typeof PROVENANCE_FIELDS)[number];

export const MAX_PROVENANCE_VALUE = 2048;
const Value = z.string().min(1).max(MAX_PROVENANCE_VALUE).nullable();

export const Provenance = z.strictObject({
  system: z.enum(CI_SYSTEMS),
  repository: Value,
  commit: Value,
  ref: Value,
  pipeline: Value,
  pipelineUrl: Value,
  job: Value,
  runId: Value,
  runAttempt: Value,
  runUrl: Value,
  server: Value,
  /** Field → the variable(s) it was read from, or `--origin`. */
  sources: z.partialRecord(z.enum(PROVENANCE_FIELDS), z.string().max(200)),
});
export type Provenance = z.infer<typeof Provenance>;

type Environment = Readonly<Record<string, string | undefined>>;
type Reading = Partial<Record<ProvenanceField, string>>;

interface CiReader {
  system: Exclude<CiSystem, 'manual' | 'none'>;
  detect(env: Environment): boolean;
  /** Field → the variable it is read from, in order of preference. */
  variables: Partial<Record<ProvenanceField, readonly string[]>>;
  /** Fields computed from others (GitHub's run URL), with the variables they come from. */
  derive?(values: Reading): { field: ProvenanceField; value: string; source: string }[];
}

const CI_READERS: readonly CiReader[] = [
  {
    system: 'github-actions',
    detect: (env) => env['GITHUB_ACTIONS'] === 'true' || has(env, 'GITHUB_RUN_ID'),
    variables: {
      repository: ['GITHUB_REPOSITORY'],
      commit: ['GITHUB_SHA'],
      ref: ['GITHUB_REF_NAME'],
      pipeline: ['GITHUB_WORKFLOW'],
      job: ['GITHUB_JOB'],
      runId: ['GITHUB_RUN_ID'],
      runAttempt: ['GITHUB_RUN_ATTEMPT'],
      server: ['GITHUB_SERVER_URL'],
    },
    derive: (values) => {
      const url = githubRunUrl(values);
      return url === null
        ? []
        : [
            {
              field: 'runUrl',
              value: url,
              source: 'GITHUB_SERVER_URL + GITHUB_REPOSITORY + GITHUB_RUN_ID',
            },
          ];
    },
  },
  {
    system: 'gitlab-ci',
    detect: (env) => env['GITLAB_CI'] === 'true' || has(env, 'CI_JOB_URL'),
    variables: {
      repository: ['CI_PROJECT_PATH'],
      commit: ['CI_COMMIT_SHA'],
      ref: ['CI_COMMIT_REF_NAME'],
      pipeline: ['CI_PIPELINE_ID'],
      pipelineUrl: ['CI_PIPELINE_URL'],
      job: ['CI_JOB_NAME'],
      runId: ['CI_JOB_ID'],
      runUrl: ['CI_JOB_URL'],
      server: ['CI_SERVER_URL'],
    },
  },
  {
    system: 'jenkins',
    detect: (env) => has(env, 'JENKINS_URL') || has(env, 'BUILD_URL'),
    variables: {
      repository: ['GIT_URL'],
      commit: ['GIT_COMMIT'],
      ref: ['BRANCH_NAME', 'GIT_BRANCH'],
      pipeline: ['JOB_NAME'],
      job: ['STAGE_NAME'],
      runId: ['BUILD_NUMBER'],
      runUrl: ['BUILD_URL'],
      server: ['JENKINS_URL'],
    },
  },
];

export const CI_LABELS: Readonly<Record<CiSystem, string>> = {
  'github-actions': 'GitHub Actions',
  'gitlab-ci': 'GitLab CI',
  jenkins: 'Jenkins',
  manual: 'stated by hand (--origin)',
  none: 'no CI system recognised',
};

function has(env: Environment, name: string): boolean {
  return (env[name] ?? '') !== '';
}

/** `https://github.com/OWNER/REPO/actions/runs/ID`, the run page GitHub links to. */
export function githubRunUrl(values: Reading): string | null {
  const { server, repository, runId } = values;
  if (!server || !repository || !runId) return null;
  return `${server.replace(/(?<!\/)\/+$/, '')}/${repository}/actions/runs/${runId}`;
}

/** A URL without the user name and password a clone URL may carry (`https://token@host/…`). */
export function withoutCredentials(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value;
  }
  if (url.username === '' && url.password === '') return value;
  url.username = '';
  url.password = '';
  return url.toString();
}

export class ProvenanceError extends Error {
  override readonly name = 'ProvenanceError';
}

/** `key=value` pairs from `--origin`, keys being provenance fields. */
export function parseOrigins(pairs: readonly string[]): Reading {
  const reading: Reading = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const key = at < 0 ? pair : pair.slice(0, at);
    if (at < 0 || !isField(key)) {
      throw new ProvenanceError(
        `--origin takes KEY=VALUE with KEY one of ${PROVENANCE_FIELDS.join(', ')} (got "${pair}")`,
      );
    }
    if (reading[key] !== undefined) throw new ProvenanceError(`--origin ${key} is given twice`);
    const value = pair.slice(at + 1);
    if (value === '') throw new ProvenanceError(`--origin ${key} has no value`);
    reading[key] = value;
  }
  return reading;
}

function isField(key: string): key is ProvenanceField {
  return (PROVENANCE_FIELDS as readonly string[]).includes(key);
}

const URL_FIELDS: ReadonlySet<ProvenanceField> = new Set([
  'runUrl',
  'pipelineUrl',
  'server',
  'repository',
]);

/**
 * Provenance from the CI environment, completed by `--origin`. A value given by hand that
 * contradicts the CI system's own is refused (ProvenanceError), so what the bundle says was read
 * from the CI system really was. Credentials in URLs are removed; over-long values are refused.
 */
export function readProvenance(env: Environment, origins: Reading = {}): Provenance {
  const reader = CI_READERS.find((candidate) => candidate.detect(env)) ?? null;
  const values: Reading = {};
  const sources: Partial<Record<ProvenanceField, string>> = {};
  const set = (field: ProvenanceField, raw: string, source: string): void => {
    const value = URL_FIELDS.has(field) ? withoutCredentials(raw) : raw;
    if (value.length > MAX_PROVENANCE_VALUE) {
      throw new ProvenanceError(`${source} is longer than ${MAX_PROVENANCE_VALUE} characters`);
    }
    values[field] = value;
    sources[field] = source;
  };
  if (reader) {
    for (const [field, names] of Object.entries(reader.variables) as [
      ProvenanceField,
      readonly string[],
    ][]) {
      const name = names.find((candidate) => has(env, candidate));
      if (name !== undefined) set(field, env[name] ?? '', name);
    }
    for (const derived of reader.derive?.(values) ?? []) {
      set(derived.field, derived.value, derived.source);
    }
  }
  for (const [field, raw] of Object.entries(origins) as [ProvenanceField, string][]) {
    const value = URL_FIELDS.has(field) ? withoutCredentials(raw) : raw;
    const known = values[field];
    if (known !== undefined && known !== value) {
      throw new ProvenanceError(
        `--origin ${field}=${value} contradicts ${sources[field] ?? 'the CI environment'} (${known})`,
      );
    }
    if (field.endsWith('Url') && !isHttpUrl(value)) {
      throw new ProvenanceError(`--origin ${field} must be an http(s) URL`);
    }
    if (known === undefined) set(field, raw, '--origin');
  }
  const system: CiSystem = reader?.system ?? (Object.keys(origins).length > 0 ? 'manual' : 'none');
  return {
    system,
    repository: values.repository ?? null,
    commit: values.commit ?? null,
    ref: values.ref ?? null,
    pipeline: values.pipeline ?? null,
    pipelineUrl: values.pipelineUrl ?? null,
    job: values.job ?? null,
    runId: values.runId ?? null,
    runAttempt: values.runAttempt ?? null,
    runUrl: values.runUrl ?? null,
    server: values.server ?? null,
    sources,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * What does not hold together in a signed provenance: a GitHub run URL that is not the run its
 * own repository and run id name. Empty when consistent.
 */
export function provenanceProblems(provenance: Provenance): string[] {
  const problems: string[] = [];
  if (provenance.system === 'github-actions' && provenance.runUrl !== null) {
    const expected = githubRunUrl({
      ...(provenance.server ? { server: provenance.server } : {}),
      ...(provenance.repository ? { repository: provenance.repository } : {}),
      ...(provenance.runId ? { runId: provenance.runId } : {}),
    });
    if (expected !== null && expected !== provenance.runUrl) {
      problems.push(
        `The provenance's run URL is not the run its repository and run id name (${expected}).`,
      );
    }
  }
  for (const field of ['runUrl', 'pipelineUrl'] as const) {
    const value = provenance[field];
    if (value !== null && !isHttpUrl(value)) {
      problems.push(`The provenance's ${field} is not an http(s) URL.`);
    }
  }
  return problems;
}

/** One line for people: the system, repository, commit, branch, pipeline, job and run. */
export function describeProvenance(provenance: Provenance): string {
  if (provenance.system === 'none') {
    return 'no CI system recognised and no --origin given: the bundle does not say which pipeline produced it';
  }
  const parts = [
    provenance.repository,
    provenance.commit && `commit ${provenance.commit}`,
    provenance.ref && `ref ${provenance.ref}`,
    provenance.pipeline && `pipeline ${provenance.pipeline}`,
    provenance.job && `job ${provenance.job}`,
    provenance.runUrl && `run ${provenance.runUrl}`,
    provenance.runAttempt && `attempt ${provenance.runAttempt}`,
  ].filter((part): part is string => typeof part === 'string' && part !== '');
  return `${CI_LABELS[provenance.system]}: ${parts.join(', ') || 'no details'}`;
}
