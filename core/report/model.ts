import { z } from 'zod';
import { STATEMENT_MAX_CHARS } from '../model/demo-signature';
import { ChartSpec } from '../charts/series';
import { Custody } from '../evidence-bundle/custody';
import { ReadingFlag } from '../evidence/readers';
import { EvidenceShown } from '../evidence/shown';
import { ControlRef } from '../model/refs';
import { SHA256_HEX } from '../util/hash';

/**
 * The report model: everything a control-evidence report shows, as plain JSON. The renderer
 * assembles it from the database; pipelines write it by hand or with their own tools and run
 * `demo-ledger report MODEL.json`. The same model feeds the PDF and the OSCAL export, so the
 * two can never disagree. Documented field by field in README.md ("Report model").
 */

export const REPORT_MODEL_VERSION = 1;

const Text = z.string().max(20_000);
const ShortText = z.string().trim().min(1).max(300);
const DateOnly = z.iso.date({ message: 'expected a date like 2026-11-26' });
const Instant = z.iso.datetime({ offset: true, message: 'expected an ISO date-time' });
const Sha256 = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(z.string().regex(SHA256_HEX, 'expected a SHA-256 hex digest'));
const LocalId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'ids use letters, digits, dot, underscore, colon, dash');

/**
 * A BCP 47 language tag with an ISO 639 language first (`en`, `en-GB`, `pt-BR`): readers and
 * screen readers take the PDF's /Lang as such, so "English" or "en_GB" is refused.
 */
const LanguageTag = z
  .string()
  .max(35)
  .refine((tag) => {
    const [language = '', ...subtags] = tag.split('-');
    return (
      /^[a-z]{2,3}$/i.test(language) &&
      subtags.every((subtag) => /^[a-z\d]{1,8}$/i.test(subtag)) &&
      canonicalLocale(tag)
    );
  }, 'expected a BCP 47 language tag such as en or en-GB');

function canonicalLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

export const ReportKind = z.enum(['sprint-demo-record', 'control-evidence-matrix', 'post-mortem']);
export type ReportKind = z.infer<typeof ReportKind>;

export const REPORT_KIND_LABELS: Readonly<Record<ReportKind, string>> = {
  'sprint-demo-record': 'Sprint demo compliance record',
  'control-evidence-matrix': 'Control evidence matrix',
  'post-mortem': 'Blameless post-mortem',
};

export const VerdictOutcome = z.enum(['satisfied', 'not-satisfied', 'not-applicable', 'exception']);
export type VerdictOutcome = z.infer<typeof VerdictOutcome>;

export const VERDICT_LABELS: Readonly<Record<VerdictOutcome, string>> = {
  satisfied: 'Satisfied',
  'not-satisfied': 'Not satisfied',
  'not-applicable': 'Not applicable',
  exception: 'Exception',
};

export const Attendee = z.object({
  name: ShortText,
  role: z.string().max(120).default(''),
  organisation: z.string().max(120).default(''),
  email: z.string().max(200).default(''),
  /** Marked present at the demo; absent when attendance was not taken. */
  present: z.boolean().optional(),
});

/** The amendment a change to a signed-off record was made in (absent: the original record). */
const AmendmentNumber = z.number().int().positive().optional();

export const Observation = z.object({
  text: Text.min(1),
  author: z.string().max(120).default(''),
  at: Instant.optional(),
  amendment: AmendmentNumber,
});

/** A follow-up question asked during the demo, with its answer once given. */
export const Question = z.object({
  text: Text.min(1),
  author: z.string().max(120).default(''),
  at: Instant.optional(),
  answer: Text.default(''),
  answeredAt: Instant.optional(),
  amendment: AmendmentNumber,
});

/** A sign-off of the demo record: who, in which role, when, and the record's SHA-256 then. */
export const RecordSignOff = z.object({
  by: ShortText,
  role: z.string().max(120).default(''),
  at: Instant,
  digest: Sha256,
});

/**
 * One sign-off of a demo: a person's signature (the certificate's subject and fingerprint, the
 * statement they signed and the signature, which the attached `demo-sign-offs.json` carries for
 * `verify`), or a legacy one typed as free text by earlier versions, with no signature.
 */
export const DemoSignOff = z.object({
  /** The round: absent for the record itself, else the amendment's number. */
  amendment: z.number().int().positive().optional(),
  kind: z.enum(['signature', 'legacy']),
  /** The certificate's subject (a signature), or the typed name (legacy). */
  by: ShortText,
  role: z.string().max(120).default(''),
  at: Instant,
  digest: Sha256,
  digestVersion: z.number().int().positive().default(1),
  fingerprint: Sha256.optional(),
  timestamp: z.object({ time: Instant, authority: z.string().max(500) }).optional(),
  /** The statement exactly as signed, and the CMS signature in base64 (signatures only). */
  statement: z.string().max(STATEMENT_MAX_CHARS).optional(),
  signature: z
    .string()
    .max(128 * 1024)
    .optional(),
  /** What checking it said when the report was assembled. */
  check: z.string().max(2000).default(''),
});
export type DemoSignOff = z.infer<typeof DemoSignOff>;

export const Amendment = z.object({
  number: z.number().int().positive(),
  reason: Text.min(1),
  openedBy: z.string().max(120).default(''),
  openedAt: Instant,
  signOff: RecordSignOff.optional(),
});

/** One demo (a sprint's review meeting) in the period the report covers. */
export const Demo = z.object({
  id: LocalId,
  label: ShortText,
  date: DateOnly,
  sprint: z.string().max(120).default(''),
  facilitator: z.string().max(120).default(''),
  /** When the meeting started (presenter mode first ran). */
  startedAt: Instant.optional(),
  signOff: RecordSignOff.optional(),
  amendments: z.array(Amendment).max(200).default([]),
  /** Every sign-off, signatures and legacy ones, in the order they were made. */
  signOffs: z.array(DemoSignOff).max(1000).default([]),
  /** SHA-256 of the demo record as reported; equal to the latest sign-off's digest when unchanged. */
  recordDigest: Sha256.optional(),
  /** The digest version `recordDigest` is computed under: the latest sign-off's (core/demo/digest.ts). */
  recordDigestVersion: z.number().int().positive().default(1),
});
export type Demo = z.infer<typeof Demo>;

export const AgendaItem = z.object({
  id: LocalId,
  /** The story or increment key (`PAY-142`). */
  key: z.string().max(64).default(''),
  title: ShortText,
  /** The demo the item was shown in (see `demos`), when the report covers several. */
  demo: LocalId.optional(),
  description: Text.default(''),
  presenter: z.string().max(120).default(''),
  controls: z.array(ControlRef).max(500).default([]),
  observations: z.array(Observation).max(1000).default([]),
  questions: z.array(Question).max(1000).default([]),
  /** Evidence ids (see `evidence`) shown during this item. */
  evidence: z.array(LocalId).max(5000).default([]),
  /** Issue ids (see `issues`) raised during this item. */
  issues: z.array(LocalId).max(1000).default([]),
});

export const Control = z.object({
  ref: ControlRef,
  title: z.string().max(500).default(''),
  /** Out-of-scope controls are listed in the matrix but never counted as gaps. */
  inScope: z.boolean().default(true),
});

export const Verdict = z
  .object({
    control: ControlRef,
    outcome: VerdictOutcome,
    /** The demo the verdict was given in (see `demos`); absent for a single-demo record. */
    demo: LocalId.optional(),
    agendaItem: LocalId.optional(),
    rationale: Text.default(''),
    decidedBy: z.string().max(120).default(''),
    decidedAt: Instant.optional(),
    /** Required for exceptions: the day the accepted risk must be reviewed again. */
    exceptionExpires: DateOnly.optional(),
    amendment: AmendmentNumber,
  })
  .refine((verdict) => verdict.outcome !== 'exception' || verdict.exceptionExpires !== undefined, {
    message: 'an exception needs an expiry date (exceptionExpires)',
    path: ['exceptionExpires'],
  });

export const Evidence = z.object({
  id: LocalId,
  name: ShortText,
  size: z.number().int().nonnegative(),
  sha256: Sha256,
  mediaType: z.string().max(200).default('application/octet-stream'),
  /** When the file was collected as evidence (attached to the ledger). */
  collectedAt: Instant,
  /** Who attached it. */
  attachedBy: z.string().max(200).default(''),
  /**
   * The moment the evidence speaks for: its tool's own time (a scan's start), or the last day
   * of the period a person stated for a file without a date of its own. Absent: the file is
   * undated, and never fresh (core/evidence/freshness.ts). Never the collection time.
   */
  effectiveAt: Instant.optional(),
  /** Who dates it: the file's tool (the default) or a person's statement (`stated`). */
  dating: z.enum(['tool', 'stated']).optional(),
  /** Where it came from: pipeline, job, tool. */
  source: z.string().max(300).default(''),
  /**
   * When a pipeline's signed evidence bundle provided the file: the pipeline, run, commit, the
   * CI signer and whether it was trusted, and who verified the bundle at import.
   */
  custody: Custody.optional(),
  summary: z.string().max(2000).default(''),
  controls: z.array(ControlRef).max(500).default([]),
  /**
   * Why the file shows nothing: its scan failed or is incomplete, or no reader understood it.
   * A flagged file is listed but demonstrates no control, whatever it is linked to.
   */
  flag: ReadingFlag.optional(),
  /**
   * What changed since the previous version of the same evidence (same format and source), in
   * the groups the app and `demo-ledger diff` show; only groups with changes. Absent when the
   * file has no previous version.
   */
  drift: z
    .object({
      since: ShortText,
      groups: z
        .array(
          z.object({
            title: z.string().max(120),
            items: z.array(z.string().max(500)).max(500),
            /** Items beyond those listed. */
            more: z.number().int().nonnegative().default(0),
          }),
        )
        .max(30),
    })
    .optional(),
  /** The tool that wrote the file, as the file names it. */
  tool: z.object({ name: z.string().max(200), version: z.string().max(100) }).optional(),
  /** False when no reader recognised the format (stored as generic JSON, XML, text or bytes). */
  recognised: z.boolean().default(true),
  /** What it showed, as counts (core/evidence/shown.ts); absent when nothing was read. */
  shown: EvidenceShown.optional(),
  /**
   * Days after its own date the file stays fresh: null, it never goes stale (a policy);
   * absent, the report's window (90 days) applies.
   */
  freshnessDays: z.number().int().positive().max(36_500).nullable().optional(),
  /** Where it was made, as far as is known; pipeline evidence fills the signer. */
  provenance: z
    .object({
      pipeline: z.string().max(300).optional(),
      run: z.string().max(2048).optional(),
      commit: z.string().max(200).optional(),
      signer: z.string().max(500).optional(),
    })
    .default({}),
});
export type Evidence = z.infer<typeof Evidence>;

export const Issue = z.object({
  id: LocalId,
  key: z.string().max(60).default(''),
  title: ShortText,
  priority: z.enum(['P1', 'P2', 'P3', 'P4']),
  status: z.string().max(60).default('open'),
  owner: z.string().max(120).default(''),
  raisedAt: Instant,
  /** When the fix is due under the SLA (P1 fix immediately, P2 by the end of the week ...). */
  dueAt: Instant.optional(),
  /** The SLA clock's reading: on track, at risk, breached, met, missed, paused. */
  sla: z.string().max(60).default(''),
  controls: z.array(ControlRef).max(100).default([]),
  /** How it belongs to the demo it is listed under (`raised from evidence shown` …). */
  origin: z.string().max(120).default(''),
});

export const ChartSeries = z.object({
  name: ShortText,
  values: z.array(z.number().finite()).max(500),
  /** A named colour from the layout's palette; charts pick one in order when absent. */
  tone: z.string().max(40).optional(),
});

/** A chart as data: the PDF draws it as vectors, other renderers as they like. */
export const Chart = z
  .object({
    id: LocalId,
    title: ShortText,
    kind: z.enum(['bar', 'stacked-bar', 'line']),
    unit: z.string().max(40).default(''),
    categories: z.array(z.string().max(60)).min(1).max(100),
    series: z.array(ChartSeries).min(1).max(12),
  })
  .refine((chart) => chart.series.every((s) => s.values.length === chart.categories.length), {
    message: 'every series needs one value per category',
    path: ['series'],
  });
export type Chart = z.infer<typeof Chart>;

const MAX_CHART_POINTS = 200_000;

/**
 * A telemetry chart (`demo-ledger.chart/v1`, core/charts) attached as evidence: drawn in the PDF
 * as vectors the way the screen draws it, with its figures table underneath.
 */
export const TelemetryChart = z.object({
  id: LocalId,
  /** The evidence file the chart came from (see `evidence`). */
  evidence: LocalId.optional(),
  spec: ChartSpec.refine((spec) => spec.series.length <= 24, 'at most 24 series')
    .refine((spec) => spec.annotations.length <= 5000, 'at most 5,000 annotations')
    .refine((spec) => spec.figures.rows.length <= 2000, 'at most 2,000 figure rows')
    .refine(
      (spec) => spec.series.reduce((sum, one) => sum + one.points.length, 0) <= MAX_CHART_POINTS,
      `at most ${MAX_CHART_POINTS} points in all`,
    ),
});
export type TelemetryChart = z.infer<typeof TelemetryChart>;

/** A block of a written document (a post-mortem): text, a list or a table. */
export const DocumentBlock = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: Text }),
  z.object({ kind: z.literal('list'), items: z.array(Text).max(2000) }),
  z.object({
    kind: z.literal('table'),
    headers: z.array(z.string().max(120)).min(1).max(12),
    rows: z.array(z.array(Text).max(12)).max(5000),
  }),
]);
export type DocumentBlock = z.infer<typeof DocumentBlock>;

export const ReportDocument = z.object({
  /** Label and value pairs shown on the title page. */
  facts: z
    .array(z.tuple([z.string().max(120), Text]))
    .max(50)
    .default([]),
  sections: z
    .array(z.object({ heading: ShortText, blocks: z.array(DocumentBlock).max(500) }))
    .max(100),
});
export type ReportDocument = z.infer<typeof ReportDocument>;

export const Signatory = z.object({
  name: ShortText,
  role: z.string().max(120).default(''),
  organisation: z.string().max(120).default(''),
});

export const ReportModel = z.object({
  schemaVersion: z.literal(REPORT_MODEL_VERSION),
  kind: ReportKind,
  /** Printed in every footer; also the PDF's document id seed. */
  id: LocalId,
  title: ShortText,
  subtitle: z.string().max(300).default(''),
  /** BCP 47 language of the text, written to the PDF catalog. */
  language: LanguageTag.default('en'),
  generatedAt: Instant,
  generatedBy: z.string().max(120).default(''),
  /**
   * Made from the sample workspace: made-up data. The title, every footer and the metadata say
   * so (`printedTitle`, `SAMPLE_NOTICE`), so a sample report is never taken for a record.
   */
  sample: z.boolean().default(false),
  workspace: z.object({ name: ShortText, description: Text.default('') }),
  team: z.object({ name: ShortText, product: z.string().max(120).default('') }).optional(),
  sprint: z
    .object({
      name: ShortText,
      goal: Text.default(''),
      startDate: DateOnly,
      endDate: DateOnly,
    })
    .optional(),
  period: z.object({ start: DateOnly, end: DateOnly }),
  demos: z.array(Demo).max(1000).default([]),
  attendees: z.array(Attendee).max(500).default([]),
  agenda: z.array(AgendaItem).max(2000).default([]),
  controls: z.array(Control).max(20_000).default([]),
  verdicts: z.array(Verdict).max(200_000).default([]),
  evidence: z.array(Evidence).max(200_000).default([]),
  issues: z.array(Issue).max(50_000).default([]),
  charts: z.array(Chart).max(50).default([]),
  telemetryCharts: z.array(TelemetryChart).max(50).default([]),
  /** The document of a post-mortem report. */
  document: ReportDocument.optional(),
  /** The state of the ledger the report came from: its audit log head (see core/audit/head.ts). */
  ledger: z
    .object({
      auditHead: z.object({ seq: z.number().int().nonnegative(), hash: Sha256 }),
    })
    .optional(),
  signOff: z
    .object({
      statement: Text.default(''),
      signatories: z.array(Signatory).max(50).default([]),
    })
    .default({ statement: '', signatories: [] }),
});
export type ReportModel = z.infer<typeof ReportModel>;
export type ReportModelInput = z.input<typeof ReportModel>;

export class ReportModelError extends Error {
  override readonly name = 'ReportModelError';
}

/**
 * Parses an untrusted model (a pipeline's JSON, the renderer's assembly) and checks that the
 * ids it cross-references exist, naming the path of the first problems found.
 */
export function parseReportModel(value: unknown): ReportModel {
  const parsed = ReportModel.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 8)
      .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    throw new ReportModelError(`The report model is invalid: ${problems.join('; ')}`);
  }
  const model = parsed.data;
  const problems = crossReferenceProblems(model);
  if (problems.length > 0) {
    throw new ReportModelError(
      `The report model is inconsistent: ${problems.slice(0, 8).join('; ')}`,
    );
  }
  return model;
}

function crossReferenceProblems(model: ReportModel): string[] {
  const problems: string[] = [];
  const evidence = new Set(model.evidence.map((item) => item.id));
  const issues = new Set(model.issues.map((item) => item.id));
  const demos = new Set(model.demos.map((item) => item.id));
  const agenda = new Set(model.agenda.map((item) => item.id));
  const duplicates = (label: string, ids: readonly string[]): void => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`${label}: the id ${id} is used twice`);
      seen.add(id);
    }
  };
  const lists = {
    evidence: model.evidence,
    issues: model.issues,
    agenda: model.agenda,
    demos: model.demos,
    telemetryCharts: model.telemetryCharts,
  };
  for (const [label, items] of Object.entries(lists)) {
    duplicates(
      label,
      items.map((item) => item.id),
    );
  }
  model.agenda.forEach((item, index) => {
    for (const id of item.evidence) {
      if (!evidence.has(id)) problems.push(`agenda.${index}.evidence: no evidence with id ${id}`);
    }
    for (const id of item.issues) {
      if (!issues.has(id)) problems.push(`agenda.${index}.issues: no issue with id ${id}`);
    }
  });
  model.agenda.forEach((item, index) => {
    if (item.demo !== undefined && !demos.has(item.demo))
      problems.push(`agenda.${index}.demo: no demo with id ${item.demo}`);
  });
  model.telemetryCharts.forEach((chart, index) => {
    if (chart.evidence !== undefined && !evidence.has(chart.evidence))
      problems.push(`telemetryCharts.${index}.evidence: no evidence with id ${chart.evidence}`);
  });
  if (model.kind === 'post-mortem' && model.document === undefined)
    problems.push('document: a post-mortem report needs its document');
  model.verdicts.forEach((verdict, index) => {
    if (verdict.demo !== undefined && !demos.has(verdict.demo)) {
      problems.push(`verdicts.${index}.demo: no demo with id ${verdict.demo}`);
    }
    if (verdict.agendaItem !== undefined && !agenda.has(verdict.agendaItem)) {
      problems.push(`verdicts.${index}.agendaItem: no agenda item with id ${verdict.agendaItem}`);
    }
  });
  if (model.period.end < model.period.start) problems.push('period.end: before period.start');
  return problems;
}

/** How a sample report marks itself: before its title, in every footer and in its keywords. */
export const SAMPLE_MARK = 'SAMPLE DATA';
export const SAMPLE_NOTICE =
  'SAMPLE DATA: this report was made from the sample workspace, made-up data for learning Demo Ledger. It records no real demo, evidence, verdict or signature of anyone.';

/** The title as the report prints it: marked when the report is made from sample data. */
export function printedTitle(model: Pick<ReportModel, 'title' | 'sample'>): string {
  return model.sample ? `${SAMPLE_MARK} — ${model.title}` : model.title;
}
