import { openAsBlob } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { signManifest } from '../../core/bundle/signature';
import type { CollectedFile, GateOutcome } from '../../core/evidence-bundle/manifest';
import { GateError, evaluateGates, parseGates } from '../../core/evidence-bundle/gates';
import {
  ProvenanceError,
  describeProvenance,
  parseOrigins,
  readProvenance,
} from '../../core/evidence-bundle/provenance';
import type { CollectedContent } from '../../core/evidence-bundle/write';
import { writeEvidenceBundle } from '../../core/evidence-bundle/write';
import { parseCertificate, summariseCertificate } from '../../core/signing/certificates';
import { certificatesFromFile } from '../../core/signing/der';
import { TimestampError, signatureTimestamper } from '../../core/signing/timestamp';
import { STRICT_POLICY } from '../../core/trust/rule';
import { plain } from '../../core/util/plain-text';
import { nodeSha256 } from '../../main/services/archive-file';
import type { EvidenceBundleFile } from '../../main/services/evidence-bundles';
import { readEvidenceBundleFile } from '../../main/services/evidence-bundles';
import { writeStreamAtomic } from '../../main/services/files';
import { httpTimestampTransport, parseTsaUrl } from '../../main/services/timestamp-client';
import { version } from '../../package.json';
import { parseCliArgs, required } from '../args';
import type { CliCommand } from '../command';
import { EXIT, UsageError } from '../command';
import type { CurrentFile, PreviousEvidence } from '../collect/drift';
import { driftAgainst, readPrevious } from '../collect/drift';
import { driftLines, fileLines, gateLines } from '../collect/lines';
import { storedSummaryOf } from '../collect/summary';
import { loadIdentity } from '../report-assets';
import { inspectJson } from './evidence-json';
import { readEvidence } from './read-evidence';

export const IDENTITY_VARIABLE = 'DEMO_LEDGER_IDENTITY';

const USAGE = `Usage: demo-ledger collect FILE... --out OUT.dlevidence --identity CI.p12 [options]

Reads each file as \`inspect\` does (format, summary, the tool's own date, scan status),
records where the run happened from the CI system's environment (GitHub Actions, GitLab CI,
Jenkins) and writes a signed evidence bundle: the files stored by SHA-256, a manifest with the
provenance, each file's summary and the gates' outcome, SHA256SUMS, and a CMS signature over
the manifest by the CI identity. A failed gate still writes the bundle: it is evidence too.

Options:
  --out FILE          the evidence bundle to write (required; never overwritten half-way)
  --identity FILE     the CI identity, PKCS#12 (or ${IDENTITY_VARIABLE}); its passphrase
                      from DEMO_LEDGER_PASSPHRASE (or a prompt)
  --fail-on GATE      exit 1 when the gate fails (repeatable, or comma-separated):
                        critical|high|medium|low  a finding at that severity or above (or of
                                                  unknown severity), or a file whose findings
                                                  could not be read
                        failed-tests              a test or check failed or errored
                        failed-scan               a scan failed, stopped early or is unreadable
                        drift                     worse than --previous: new findings, ports
                                                  opened or changed, tests or checks newly
                                                  failing, a file no longer collected
  --previous FILE     the previous run's evidence bundle, compared file by file (by name); it
                      must verify and be signed by this identity or a --trust certificate
  --trust FILE        also trust this certificate for --previous (PEM or DER; repeatable)
  --origin KEY=VALUE  state provenance by hand where the CI system does not (repeatable):
                      repository, commit, ref, pipeline, pipelineUrl, job, runId,
                      runAttempt, runUrl, server
  --tsa URL           add an RFC 3161 timestamp from this authority to the signature

Exit status: 0 collected and every gate passed; 1 a gate failed (the bundle is written and
records it) or the bundle could not be written; 2 wrong usage (nothing is written).`;

export const collectCommand: CliCommand = {
  name: 'collect',
  summary: 'Collect pipeline evidence into a signed evidence bundle, with gates',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals: files } = parseCliArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        identity: { type: 'string' },
        'fail-on': { type: 'string', multiple: true, default: [] },
        previous: { type: 'string' },
        trust: { type: 'string', multiple: true, default: [] },
        origin: { type: 'string', multiple: true, default: [] },
        tsa: { type: 'string' },
      },
    });
    const out = required(values.out, 'out');
    const identityFile = values.identity ?? io.env[IDENTITY_VARIABLE];
    if (!identityFile) throw new UsageError(`--identity (or ${IDENTITY_VARIABLE}) is required`);
    const gates = usage(() => parseGates(values['fail-on']));
    if (gates.includes('drift') && values.previous === undefined) {
      throw new UsageError('--fail-on drift compares with a previous bundle: give --previous');
    }
    const provenance = usage(() => readProvenance(io.env, parseOrigins(values.origin)));
    const timestamp =
      values.tsa === undefined
        ? undefined
        : (usage(() => parseTsaUrl(values.tsa ?? '')),
          signatureTimestamper(httpTimestampTransport(values.tsa)));
    const inputs = await checkInputs(files, out);

    const identity = await loadIdentity(identityFile, io.env);
    const own = [identity.material.certificate, ...identity.material.chain];
    const extra: Uint8Array[] = [];
    for (const file of values.trust) {
      extra.push(...certificatesFromFile(new Uint8Array(await readFile(file))));
    }
    const previous =
      values.previous === undefined
        ? null
        : await readPrevious(values.previous, [...own, ...extra]);

    const current: CurrentFile[] = [];
    const contents: CollectedContent[] = [];
    for (const input of inputs) {
      const read = await readEvidence(input.file);
      const json = inspectJson(input.name, read.size, read.sha256, read.result);
      const item = {
        name: input.name,
        size: read.size,
        sha256: read.sha256,
        summary: storedSummaryOf(json),
      };
      // Only drift needs the whole reading; otherwise it is dropped once summarised.
      if (previous) current.push({ item, result: read.result });
      contents.push({ item, content: await openAsBlob(input.file) });
    }
    const drift = previous ? await driftAgainst(previous, current) : null;
    const items = contents.map(({ item }) => item);
    const outcomes = evaluateGates(gates, items, { previous: previous?.previous ?? null, drift });

    const signer = await summariseCertificate(parseCertificate(identity.material.certificate));
    const now = new Date();
    const checked: { bundle: EvidenceBundleFile | null } = { bundle: null };
    await writeStreamAtomic(
      out,
      (sink) =>
        writeEvidenceBundle(
          sink,
          contents,
          {
            id: crypto.randomUUID(),
            createdAt: now.toISOString(),
            app: { name: 'Demo Ledger', version },
            signer: {
              fingerprint: signer.fingerprint,
              commonName: signer.commonName.slice(0, 300),
            },
            provenance,
            gates: outcomes,
            previous: previous?.previous ?? null,
            drift,
          },
          {
            mtime: now,
            createSha256: nodeSha256,
            sign: (manifest) => signManifest(manifest, identity.signer, now, timestamp),
          },
        ),
      // What is kept is exactly what verifies: read back in full before it takes the name.
      async (temporary) => {
        const bundle = await readEvidenceBundleFile(temporary, {
          trusted: own,
          policy: STRICT_POLICY,
        });
        if (bundle.problems.length > 0) {
          throw new Error(`the bundle written does not verify: ${bundle.problems.join(' ')}`);
        }
        checked.bundle = bundle;
      },
    ).catch((error: unknown) => {
      throw new Error(
        `no bundle written: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    if (checked.bundle === null) throw new Error('no bundle written');
    io.stdout(
      report(out, checked.bundle, signer.commonName || signer.subject, {
        items,
        provenance: describeProvenance(provenance),
        gates: outcomes,
        drift: drift ? driftLines(drift) : null,
        previous,
      }),
    );
    const failed = outcomes.filter((outcome) => !outcome.passed);
    if (failed.length > 0) {
      io.stderr(
        `demo-ledger collect: ${failed.length} gate(s) failed (${failed.map((outcome) => outcome.gate).join(', ')}); the bundle ${out} records it.\n`,
      );
      return EXIT.failed;
    }
    return EXIT.ok;
  },
};

function usage<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (
      error instanceof GateError ||
      error instanceof ProvenanceError ||
      error instanceof TimestampError
    ) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

interface Input {
  file: string;
  /** The name the bundle records: the path as given, relative to where collect runs. */
  name: string;
}

/** Every FILE exists, is a file and has a name of its own; OUT is none of them. */
async function checkInputs(files: readonly string[], out: string): Promise<Input[]> {
  if (files.length === 0) throw new UsageError('name at least one FILE to collect');
  const inputs: Input[] = [];
  const names = new Set<string>();
  for (const file of files) {
    const info = await stat(file).catch(() => null);
    if (info === null) throw new UsageError(`no such file: ${file}`);
    if (!info.isFile()) throw new UsageError(`not a file: ${file}`);
    if (path.resolve(file) === path.resolve(out)) {
      throw new UsageError(`--out ${out} is also a FILE to collect`);
    }
    const name = bundleName(file);
    if (names.has(name)) throw new UsageError(`${name} is given twice`);
    names.add(name);
    inputs.push({ file, name });
  }
  return inputs;
}

function bundleName(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  const name =
    relative.startsWith('..') || path.isAbsolute(relative) ? path.basename(file) : relative;
  return name.split(path.sep).join('/');
}

function report(
  out: string,
  bundle: EvidenceBundleFile,
  signer: string,
  facts: {
    items: readonly CollectedFile[];
    provenance: string;
    gates: readonly GateOutcome[];
    drift: string[] | null;
    previous: PreviousEvidence | null;
  },
): string {
  const timestamp = bundle.verdict.signature?.timestamp?.time ?? null;
  const lines = [
    `${out}: evidence bundle ${bundle.id ?? '?'}, ${facts.items.length} file(s), ${bundle.size} bytes, SHA-256 ${bundle.sha256}`,
    `  signed by ${plain(signer)}${timestamp ? `, timestamped ${timestamp}` : ''}`,
    `  provenance: ${plain(facts.provenance)}`,
    ...fileLines(facts.items).map((line) => `  ${line}`),
  ];
  if (facts.previous) {
    const { previous } = facts.previous;
    lines.push(
      previous.verified
        ? `  previous bundle ${previous.id ?? '?'} (${previous.createdAt ?? '?'}): verified`
        : `  previous bundle NOT RELIED ON: ${plain(previous.problems.join(' '))}`,
      ...(facts.drift ?? []).map((line) => `    ${line}`),
    );
  }
  lines.push(
    facts.gates.length === 0 ? '  gates: none asked for (--fail-on)' : '  gates:',
    ...gateLines(facts.gates).map((line) => `    ${line}`),
  );
  return `${lines.join('\n')}\n`;
}
