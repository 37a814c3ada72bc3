import { createInterface } from 'node:readline/promises';
import { readFile } from 'node:fs/promises';
import { certificatesFromFile } from '../../core/signing/der';
import { plain } from '../../core/util/plain-text';
import { MAX_RETENTION_DAYS, RetentionMode } from '../../core/locker/policy';
import type { LockerConnection } from '../../main/services/locker/client';
import { describeLockerError, LockerError, openLocker } from '../../main/services/locker/client';
import type { BundleTrust } from '../../main/services/locker/bundles';
import { initLocker } from '../../main/services/locker/init';
import { pullBundles } from '../../main/services/locker/pull';
import type { PushProgress } from '../../main/services/locker/push';
import { PushRefused, pushBundle } from '../../main/services/locker/push';
import { verifyLocker } from '../../main/services/locker/verify';
import { parseCliArgs } from '../args';
import type { CliCommand, CliIo } from '../command';
import { EXIT, UsageError } from '../command';

const USAGE = `Usage: demo-ledger locker init --retention-days N [--mode compliance|governance] [--yes] [CONNECTION]
       demo-ledger locker push FILE... [--trust CERT.pem]... [--allow-untrusted] [CONNECTION]
       demo-ledger locker pull --out DIR [--since TIME] [--trust CERT.pem]... [CONNECTION]
       demo-ledger locker verify [--json] [--trust CERT.pem]... [CONNECTION]

The team locker: audit bundles and evidence bundles kept for years in a bucket of an S3 service
with Object Lock (AWS S3, Ceph RGW, MinIO ...), where nobody can delete or change them before
their retention ends. Layout, permissions and formats: README, Team locker.

  init     Creates the bucket with Object Lock and a default retention of N days and writes
           the locker's policy; on an existing bucket, says what is missing and completes it.
           Compliance mode (the default) cannot be shortened or lifted by anyone, an
           administrator included: it asks for confirmation, or takes --yes.
  push     Verifies each bundle in full (signatures must be trusted, see --trust), uploads the
           files it holds that the locker lacks, then the bundle. Pushing again uploads nothing.
  pull     Downloads every bundle DIR lacks (or those made since TIME), puts each back together
           and verifies it before writing it, as DIR/<kind>/<scope>/<file>.
  verify   Reads every object and version: content against its name or its signed manifest,
           retention against the policy; a newer version of any object, a delete marker, a
           missing file or a weaker retention is a problem.

Connection (credentials only from the environment, never from the command line):
  --bucket NAME      The bucket (or DEMO_LEDGER_LOCKER_BUCKET)
  --endpoint URL     The S3 service (or AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL); AWS when absent
  --region NAME      (or AWS_REGION; default us-east-1)
  --ca FILE          CA certificates (PEM) to trust for the service's TLS
  --timeout SECONDS  Per request (default 60)
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN

Options:
  --retention-days N   init: how long every object is kept (1 to ${MAX_RETENTION_DAYS})
  --mode MODE          init: compliance (default) or governance
  --yes                init: confirm compliance mode without asking
  --accept-mutable     init, verify: use a bucket without Object Lock anyway (nothing then stops
                       deletion; verify says so instead of failing)
  --trust FILE         Trust this signer's certificate (PEM or DER; repeatable)
  --allow-untrusted    Accept bundles signed by certificates not trusted, and say so
  --json               One JSON document on standard output

Exit status: 0 done, 1 a bundle was refused or verify found a problem, 2 wrong usage or the
service could not be used.`;

type Values = ReturnType<typeof parse>['values'];

function parse(args: string[]) {
  return parseCliArgs({
    args,
    allowPositionals: true,
    options: {
      bucket: { type: 'string' },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      ca: { type: 'string' },
      timeout: { type: 'string' },
      'retention-days': { type: 'string' },
      mode: { type: 'string' },
      yes: { type: 'boolean', default: false },
      'accept-mutable': { type: 'boolean', default: false },
      trust: { type: 'string', multiple: true, default: [] },
      'allow-untrusted': { type: 'boolean', default: false },
      out: { type: 'string' },
      since: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
}

function connectionOf(values: Values, env: CliIo['env']): LockerConnection {
  const bucket = values.bucket ?? env['DEMO_LEDGER_LOCKER_BUCKET'];
  if (!bucket) throw new UsageError('name the bucket with --bucket (or DEMO_LEDGER_LOCKER_BUCKET)');
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  if (!accessKeyId || !secretAccessKey)
    throw new UsageError('set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment');
  const endpoint = values.endpoint ?? env['AWS_ENDPOINT_URL_S3'] ?? env['AWS_ENDPOINT_URL'];
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint))
    throw new UsageError('--endpoint is an http(s) URL');
  const timeout = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout < 1 || timeout > 3600)
    throw new UsageError('--timeout is a number of seconds from 1 to 3600');
  const sessionToken = env['AWS_SESSION_TOKEN'];
  return {
    ...(endpoint === undefined ? {} : { endpoint }),
    region: values.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
    bucket,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    ...(values.ca === undefined ? {} : { caFile: values.ca }),
    requestTimeoutMs: timeout * 1000,
  };
}

async function trustOf(values: Values): Promise<BundleTrust> {
  const trusted: Uint8Array[] = [];
  for (const file of values.trust)
    trusted.push(...certificatesFromFile(new Uint8Array(await readFile(file))));
  return { trusted, allowUntrusted: values['allow-untrusted'] };
}

async function confirmCompliance(bucket: string, days: number): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(
      `Compliance mode: every object in ${bucket} will be kept ${days} days, and nobody — an administrator included — can shorten that or delete it. Type the bucket name to go on: `,
    );
    return answer.trim() === bucket;
  } finally {
    prompt.close();
  }
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function init(values: Values, io: CliIo): Promise<number> {
  const days = Number(values['retention-days']);
  if (
    values['retention-days'] === undefined ||
    !Number.isInteger(days) ||
    days < 1 ||
    days > MAX_RETENTION_DAYS
  )
    throw new UsageError(
      `--retention-days is a whole number of days from 1 to ${MAX_RETENTION_DAYS}`,
    );
  const mode = RetentionMode.safeParse((values.mode ?? 'compliance').toUpperCase());
  if (!mode.success) throw new UsageError('--mode is compliance or governance');
  const connection = connectionOf(values, io.env);
  if (
    mode.data === 'COMPLIANCE' &&
    !values.yes &&
    !(await confirmCompliance(connection.bucket, days))
  )
    throw new UsageError(
      'compliance mode cannot be undone: confirm with --yes (or type the bucket name when asked)',
    );
  const locker = openLocker(connection);
  const outcome = await initLocker(locker, {
    mode: mode.data,
    retentionDays: days,
    acceptMutable: values['accept-mutable'],
  });
  if (values.json) io.stdout(`${JSON.stringify({ ok: true, ...outcome }, null, 2)}\n`);
  else {
    for (const line of outcome.configured) io.stdout(`${line}\n`);
    if (outcome.configured.length === 0)
      io.stdout(`${locker.where} is already a locker with this policy.\n`);
    io.stdout(
      `Locker ${locker.where}: ${outcome.policy.objectLock ? `${outcome.policy.mode} retention, ${outcome.policy.retentionDays} days` : 'WITHOUT Object Lock (accepted as mutable)'}.\n`,
    );
  }
  return EXIT.ok;
}

/** Push progress on standard error: each phase once, and the files' bytes every tenth. */
function progressLines(file: string, io: CliIo): (progress: PushProgress) => void {
  let phase = '';
  let tenth = -1;
  return ({ phase: now, done, total }) => {
    const step = total > 0 ? Math.floor((done / total) * 10) : 0;
    if (now === phase && (now !== 'blobs' || step === tenth)) return;
    if (now !== phase) tenth = -1;
    phase = now;
    tenth = step;
    const what =
      now === 'checking'
        ? 'verifying the bundle'
        : now === 'blobs'
          ? `files: ${mebibytes(done)} of ${mebibytes(total)} stored`
          : `the bundle: ${mebibytes(total)}`;
    io.stderr(`${file}: ${what}\n`);
  };
}

async function push(files: string[], values: Values, io: CliIo): Promise<number> {
  if (files.length === 0) throw new UsageError('name at least one bundle to push');
  const locker = openLocker(connectionOf(values, io.env));
  const trust = await trustOf(values);
  const results: unknown[] = [];
  let refused = 0;
  for (const file of files) {
    try {
      const outcome = await pushBundle(locker, file, {
        trust,
        onProgress: progressLines(file, io),
      });
      const { bundle } = outcome;
      results.push({
        file,
        ok: true,
        key: outcome.key,
        blobs: outcome.blobs,
        bundleUploaded: outcome.bundleUploaded,
        bytesSent: outcome.bytesSent,
        resumedParts: outcome.resumedParts,
        signers: bundle.signers,
        untrusted: bundle.untrusted,
      });
      if (!values.json) {
        io.stdout(
          outcome.bundleUploaded || outcome.blobs.uploaded > 0
            ? `${file}: pushed as ${outcome.key} (${outcome.blobs.uploaded} of ${outcome.blobs.total} files uploaded, ${outcome.blobs.alreadyStored} already in the locker; ${mebibytes(outcome.bytesSent)} sent${outcome.resumedParts > 0 ? `, ${outcome.resumedParts} parts of an interrupted upload kept` : ''})\n`
            : `${file}: already in the locker as ${outcome.key}; nothing uploaded\n`,
        );
        io.stdout(`  signed by ${bundle.signers.map((signer) => plain(signer)).join(', ')}\n`);
        for (const signer of bundle.untrusted)
          io.stdout(`  NOT TRUSTED (accepted with --allow-untrusted): ${plain(signer)}\n`);
      }
    } catch (error) {
      if (!(error instanceof PushRefused)) throw error;
      refused += 1;
      results.push({ file, ok: false, problem: error.message });
      if (!values.json) io.stderr(`${plain(error.message)}\n`);
    }
  }
  if (values.json) io.stdout(`${JSON.stringify({ ok: refused === 0, files: results }, null, 2)}\n`);
  return refused === 0 ? EXIT.ok : EXIT.failed;
}

async function pull(values: Values, io: CliIo): Promise<number> {
  if (!values.out) throw new UsageError('--out DIR is required');
  let since: Date | undefined;
  if (values.since !== undefined) {
    since = new Date(values.since);
    if (Number.isNaN(since.getTime()))
      throw new UsageError('--since is a date or time, e.g. 2026-11-01 or 2026-11-01T09:00Z');
  }
  const locker = openLocker(connectionOf(values, io.env));
  const outcome = await pullBundles(locker, values.out, {
    trust: await trustOf(values),
    ...(since ? { since } : {}),
  });
  if (values.json)
    io.stdout(`${JSON.stringify({ ok: outcome.failed.length === 0, ...outcome }, null, 2)}\n`);
  else {
    for (const bundle of outcome.pulled)
      io.stdout(
        `${bundle.file}: verified, signed by ${bundle.signers.map((signer) => plain(signer)).join(', ')}\n`,
      );
    for (const failure of outcome.failed)
      io.stderr(`${failure.key}: NOT pulled: ${plain(failure.problem)}\n`);
    io.stdout(
      `${outcome.pulled.length} pulled, ${outcome.alreadyHere} already in ${values.out}, ${outcome.failed.length} refused.\n`,
    );
  }
  return outcome.failed.length === 0 ? EXIT.ok : EXIT.failed;
}

async function verify(values: Values, io: CliIo): Promise<number> {
  const locker = openLocker(connectionOf(values, io.env));
  const check = await verifyLocker(locker, {
    trust: await trustOf(values),
    acceptMutable: values['accept-mutable'],
  });
  if (values.json) io.stdout(`${JSON.stringify(check, null, 2)}\n`);
  else {
    io.stdout(
      `Locker ${locker.where}: ${check.objects} objects (${check.blobs} files, ${check.bundles} bundles), ${check.versions} versions; policy ${check.policy.objectLock ? `${check.policy.mode}, ${check.policy.retentionDays} days` : 'without Object Lock'}.\n`,
    );
    for (const note of check.notes) io.stdout(`Note: ${note}\n`);
    for (const problem of check.problems)
      io.stdout(
        `PROBLEM ${plain(problem.key)}${problem.versionId ? ` (version ${plain(problem.versionId)})` : ''}: ${plain(problem.problem)}\n`,
      );
    io.stdout(check.ok ? 'Verdict: intact.\n' : `Verdict: ${check.problems.length} problem(s).\n`);
  }
  return check.ok ? EXIT.ok : EXIT.failed;
}

export const lockerCommand: CliCommand = {
  name: 'locker',
  summary: 'The team locker on S3 Object Lock: init, push, pull and verify bundles',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const [action, ...rest] = args;
    const { values, positionals } = parse(rest);
    try {
      switch (action) {
        case 'init':
          if (positionals.length > 0) throw new UsageError('init takes no file');
          return await init(values, io);
        case 'push':
          return await push(positionals, values, io);
        case 'pull':
          if (positionals.length > 0) throw new UsageError('pull takes no file');
          return await pull(values, io);
        case 'verify':
          if (positionals.length > 0) throw new UsageError('verify takes no file');
          return await verify(values, io);
        default:
          throw new UsageError('expected init, push, pull or verify');
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
      if (error instanceof LockerError || (error instanceof Error && error.name !== 'TypeError')) {
        io.stderr(
          `demo-ledger locker ${action ?? ''}: ${plain(describeLockerError(error, values.bucket ?? 'the locker'))}\n`,
        );
        return EXIT.usage;
      }
      throw error;
    }
  },
};
