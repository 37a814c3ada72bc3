import { acknowledgementOf, parseStatement } from '../../demo/sign-off';
import { concernText } from '../../demo/sign-off-guard';
import { READING_FLAG_LABELS } from '../../evidence/readers';
import { evidenceDateText, reportFreshness } from '../evidence-dates';
import { rgb } from '../layout';
import type { Column } from '../layout';
import type { Demo, ReportModel } from '../model';
import { VERDICT_LABELS } from '../model';
import type { Flow } from './flow';
import type { QuestionRow } from './tables';
import { formatBytes, formatInstant } from './tables';

/**
 * The parts of a sprint demo record that are not plain tables: each agenda item with what was
 * seen, asked, judged, shown and raised on it, and each demo's sign-off, amendments and digest.
 */

const amended = (number: number | undefined): string =>
  number === undefined ? '' : ` [amendment ${number}]`;

function byline(author: string, at: string | undefined): string {
  const by = [author, formatInstant(at)].filter(Boolean).join(', ');
  return by === '' ? '' : ` (${by})`;
}

/** A heading inside an agenda item (whose own heading is an H3). */
function subheading(flow: Flow, text: string): void {
  flow.paragraph(text, { font: flow.fonts.bold, after: 2, role: 'H4' });
}

export function drawAgenda(flow: Flow, model: ReportModel): void {
  const evidence = new Map(model.evidence.map((item) => [item.id, item]));
  const issues = new Map(model.issues.map((item) => [item.id, item]));
  const titles = new Map(model.controls.map((control) => [control.ref, control.title]));
  const demos = new Map(model.demos.map((demo) => [demo.id, demo]));
  const several = model.demos.length > 1;
  const day = model.generatedAt.slice(0, 10);
  if (model.agenda.length === 0)
    flow.paragraph('No agenda items were recorded.', { colour: flow.muted });
  let currentDemo: string | undefined;
  let number = 0;
  for (const item of model.agenda) {
    if (several && item.demo !== currentDemo) {
      currentDemo = item.demo;
      number = 0;
      const demo = item.demo === undefined ? undefined : demos.get(item.demo);
      if (demo)
        flow.paragraph(`${demo.label}, ${demo.date}`, {
          font: flow.fonts.bold,
          colour: flow.accent,
        });
    }
    number += 1;
    flow.heading(`${number}. ${[item.key, item.title].filter(Boolean).join(' ')}`, 2);
    flow.keyValues(
      [
        ['Presenter', item.presenter],
        [
          'Controls',
          item.controls
            .map((ref) => (titles.get(ref) ? `${ref} (${titles.get(ref) ?? ''})` : ref))
            .join(', '),
        ],
      ],
      90,
    );
    if (item.description !== '') flow.paragraph(item.description);
    if (item.observations.length > 0) {
      subheading(flow, 'Observations');
      flow.list((bullet) => {
        for (const note of item.observations)
          bullet(`${note.text}${byline(note.author, note.at)}${amended(note.amendment)}`, {
            indent: 8,
            after: 3,
          });
      });
    }
    if (item.questions.length > 0) {
      subheading(flow, 'Follow-up questions');
      flow.list((bullet) => {
        for (const question of item.questions) {
          bullet(
            `${question.text}${byline(question.author, question.at)}${amended(question.amendment)}`,
            { indent: 8, after: 1 },
          );
          flow.paragraph(
            question.answer === ''
              ? 'Open: not answered yet.'
              : `Answer: ${question.answer}${byline('', question.answeredAt)}`,
            { indent: 16, after: 3, colour: flow.muted },
          );
        }
      });
    }
    const verdicts = model.verdicts.filter((verdict) => verdict.agendaItem === item.id);
    if (verdicts.length > 0) {
      subheading(flow, 'Control verdicts');
      for (const verdict of verdicts) {
        const tone = flow.layout.palette[verdict.outcome];
        const until = verdict.exceptionExpires ? ` until ${verdict.exceptionExpires}` : '';
        const why = verdict.rationale ? ` — ${verdict.rationale}` : '';
        flow.paragraph(
          `${verdict.control}: ${VERDICT_LABELS[verdict.outcome]}${until}${why}${byline(verdict.decidedBy, verdict.decidedAt)}${amended(verdict.amendment)}`,
          { indent: 8, after: 3, ...(tone === undefined ? {} : { colour: rgb(tone) }) },
        );
      }
    }
    const shown = item.evidence
      .map((id) => evidence.get(id))
      .filter((entry) => entry !== undefined);
    if (shown.length > 0) {
      subheading(flow, 'Evidence');
      flow.list((bullet) => {
        for (const entry of shown) {
          // A flagged file is listed, and said to count for nothing.
          const flag = entry.flag ? ` — ${READING_FLAG_LABELS[entry.flag]}, not counted` : '';
          const freshness = reportFreshness(entry, day);
          const dated = `${evidenceDateText(entry)}${freshness === 'undated' ? '' : `, ${freshness} at signing`}`;
          bullet(`${entry.name} (${formatBytes(entry.size)}), ${dated}${flag}`, {
            indent: 8,
            after: 0,
          });
          flow.paragraph(`SHA-256 ${entry.sha256}`, {
            indent: 16,
            after: 3,
            size: flow.layout.type.compact + 1,
            colour: flow.muted,
          });
        }
      });
    }
    const raised = item.issues.map((id) => issues.get(id)).filter((entry) => entry !== undefined);
    if (raised.length > 0) {
      subheading(flow, 'Issues raised');
      flow.list((bullet) => {
        for (const issue of raised) {
          const due = issue.dueAt ? `, due ${formatInstant(issue.dueAt)}` : '';
          const sla = issue.sla ? ` (${issue.sla})` : '';
          const tone = flow.layout.palette[issue.priority];
          const origin = issue.origin ? ` — ${issue.origin}` : '';
          bullet(
            `${[issue.priority, issue.key].filter(Boolean).join(' ')}: ${issue.title} — ${issue.status}${due}${sla}${origin}`,
            { indent: 8, after: 3, ...(tone === undefined ? {} : { colour: rgb(tone) }) },
          );
        }
      });
    }
  }
}

/** Every follow-up question, with its item and answer (open ones say so). */
export function questionRows(model: ReportModel): QuestionRow[] {
  return model.agenda.flatMap((item) =>
    item.questions.map((question) => ({
      item: [item.key, item.title].filter(Boolean).join(' '),
      text: question.text,
      author: question.author,
      at: question.at,
      answer: question.answer,
      answeredAt: question.answeredAt,
    })),
  );
}

/** Whether the record as reported is the record that was signed off. */
export function digestStatus(demo: Demo): string {
  const open = demo.amendments.find((amendment) => amendment.signOff === undefined);
  if (demo.signOff === undefined) return 'Not signed off yet: the record may still change.';
  if (open !== undefined)
    return `Amendment ${open.number} is open and not signed off yet: the record may still change.`;
  const latest = demo.amendments.at(-1)?.signOff ?? demo.signOff;
  if (demo.recordDigest === undefined) return 'The record digest was not computed for this report.';
  return demo.recordDigest === latest.digest
    ? 'The record in this report matches the digest of its latest sign-off.'
    : 'The record in this report differs from the digest of its latest sign-off: it was changed afterwards.';
}

const AMENDMENT_COLUMNS: Column[] = [
  { key: 'number', header: 'No.', width: 0.8, align: 'right', compact: false },
  { key: 'reason', header: 'Reason', width: 5, align: 'left', compact: false },
  { key: 'opened', header: 'Opened', width: 3, align: 'left', compact: false },
  { key: 'signed', header: 'Signed off', width: 3, align: 'left', compact: false },
  { key: 'digest', header: 'Record SHA-256 at sign-off', width: 5, align: 'left', compact: true },
];

const SIGN_OFF_COLUMNS: Column[] = [
  { key: 'round', header: 'Round', width: 1.6, align: 'left', compact: false },
  { key: 'by', header: 'Signed off by', width: 4.2, align: 'left', compact: false },
  { key: 'certificate', header: 'Certificate SHA-256', width: 4.2, align: 'left', compact: true },
  { key: 'time', header: 'Time', width: 3, align: 'left', compact: false },
  {
    key: 'check',
    header: 'Checked when this report was made',
    width: 5,
    align: 'left',
    compact: true,
  },
];

/**
 * The sign-offs of a demo: each person's signature (their certificate's subject and
 * fingerprint, when they signed and whether a timestamp proves it, what the check said), and
 * legacy ones said to be unsigned. A model without them (an older pipeline's) shows its seals.
 */
function signOffRows(demo: Demo): string[][] {
  const entries =
    demo.signOffs.length > 0
      ? demo.signOffs
      : [
          ...(demo.signOff ? [{ ...demo.signOff, amendment: undefined }] : []),
          ...demo.amendments.flatMap((amendment) =>
            amendment.signOff ? [{ ...amendment.signOff, amendment: amendment.number }] : [],
          ),
        ].map((seal) => ({
          ...seal,
          kind: 'legacy' as const,
          check: 'unsigned',
          fingerprint: undefined,
          timestamp: undefined,
        }));
  return entries.map((entry) => [
    entry.amendment === undefined ? 'Record' : `Amendment ${entry.amendment}`,
    entry.kind === 'signature'
      ? `${entry.by}${entry.role ? `, as ${entry.role}` : ''}`
      : `Legacy, unsigned: “${entry.by}”${entry.role ? ` (${entry.role})` : ''}`,
    entry.fingerprint ?? '—',
    entry.timestamp
      ? `${formatInstant(entry.timestamp.time)} (timestamp: ${entry.timestamp.authority})`
      : `${formatInstant(entry.at)}${entry.kind === 'signature' ? ' (as the signer states; no timestamp)' : ''}`,
    entry.check,
  ]);
}

/**
 * What each signer acknowledged before signing, read from the statement they signed (so the
 * PDF shows what the signature covers): failed verdicts nothing answered and exceptions about
 * to lapse, as listed to them.
 */
function drawAcknowledgements(flow: Flow, demo: Demo): void {
  for (const entry of demo.signOffs) {
    const statement = entry.statement === undefined ? null : parseStatement(entry.statement);
    const acknowledgement = statement === null ? null : acknowledgementOf(statement);
    if (acknowledgement === null) continue;
    const round = entry.amendment === undefined ? '' : ` (amendment ${entry.amendment})`;
    flow.paragraph(
      `Acknowledged before signing${round} by ${acknowledgement.by}, ${formatInstant(acknowledgement.at)}: ${acknowledgement.items.length} item${acknowledgement.items.length === 1 ? '' : 's'} left open`,
      { font: flow.fonts.bold, after: 2 },
    );
    flow.list((bullet) => {
      for (const concern of acknowledgement.items) bullet(concernText(concern, null));
    });
  }
}

export function drawDemoRecords(flow: Flow, model: ReportModel): void {
  if (model.demos.length === 0)
    flow.paragraph('No demo is part of this report.', { colour: flow.muted });
  const attendance = model.attendees.filter((person) => person.present !== undefined);
  for (const demo of model.demos) {
    flow.heading(`${demo.label}, ${demo.date}`, 2);
    const latest = demo.amendments.at(-1)?.signOff ?? demo.signOff;
    flow.keyValues([
      ['Facilitator', demo.facilitator],
      ['Started', formatInstant(demo.startedAt)],
      [
        'Attendance',
        model.demos.length === 1 && attendance.length > 0
          ? `${attendance.filter((person) => person.present === true).length} of ${attendance.length} present`
          : '',
      ],
      // SHA-256 of the demo record (core/demo/digest.ts), at sign-off and as reported here.
      ['Digest at sign-off', latest?.digest ?? ''],
      [
        'Record as reported',
        demo.recordDigest
          ? `${demo.recordDigest} (digest version ${demo.recordDigestVersion})`
          : '',
      ],
      ['Status', digestStatus(demo)],
    ]);
    const rows = signOffRows(demo);
    if (rows.length === 0) flow.paragraph('Not signed off yet.', { colour: flow.muted });
    else {
      flow.paragraph('Sign-offs', { font: flow.fonts.bold, after: 2 });
      flow.table(
        SIGN_OFF_COLUMNS,
        rows.map((cells) => ({ cells })),
        'Sign-offs',
      );
      drawAcknowledgements(flow, demo);
    }
    if (demo.amendments.length > 0) {
      flow.paragraph('Amendments', { font: flow.fonts.bold, after: 2, role: 'H4' });
      flow.table(
        AMENDMENT_COLUMNS,
        demo.amendments.map((amendment) => ({
          cells: [
            String(amendment.number),
            amendment.reason,
            [amendment.openedBy, formatInstant(amendment.openedAt)].filter(Boolean).join(', '),
            amendment.signOff
              ? `${amendment.signOff.by}, ${formatInstant(amendment.signOff.at)}`
              : 'open',
            amendment.signOff?.digest ?? '',
          ],
        })),
        'Amendments',
      );
    }
  }
}
