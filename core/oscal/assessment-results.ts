import { parseControlRef } from '../model/refs';
import { reportDating } from '../report/evidence-dates';
import type { ReportModel, VerdictOutcome } from '../report/model';
import { VERDICT_LABELS } from '../report/model';
import { uuidV5 } from './uuid';

/**
 * OSCAL assessment results (NIST OSCAL 1.1.2 JSON, valid against the 1.2.1 schema too) from a
 * report model: one result per demo, an observation per note taken and per evidence file, a
 * finding per verdict, the evidence as back-matter resources with their SHA-256.
 *
 * OSCAL knows two objective states. Demo Ledger's four verdicts map as: satisfied → satisfied;
 * not satisfied → not-satisfied; exception → not-satisfied (reason "other", the expiry in the
 * remarks); not applicable → satisfied (reason "other"). The original verdict is kept in a
 * `verdict` property in Demo Ledger's namespace so nothing is lost.
 */

export const OSCAL_VERSION = '1.1.2';
const NS = 'urn:demo-ledger:oscal';

type Json = Record<string, unknown>;

function state(outcome: VerdictOutcome): { state: string; reason: string } {
  switch (outcome) {
    case 'satisfied':
      return { state: 'satisfied', reason: 'pass' };
    case 'not-satisfied':
      return { state: 'not-satisfied', reason: 'fail' };
    case 'exception':
      return { state: 'not-satisfied', reason: 'other' };
    case 'not-applicable':
      return { state: 'satisfied', reason: 'other' };
  }
}

/** OSCAL tokens may not contain `#` or spaces; control ids from catalogs already fit. */
function token(value: string): string {
  const cleaned = value.replace(/[^\p{L}\p{N}._-]/gu, '_');
  return /^[\p{L}_]/u.test(cleaned) ? cleaned : `_${cleaned}`;
}

function dayStart(date: string): string {
  return `${date}T00:00:00Z`;
}

export function assessmentResults(model: ReportModel): Json {
  if (model.kind === 'post-mortem')
    throw new Error('A post-mortem is not an assessment: it has no OSCAL assessment results.');
  const id = (...parts: string[]): string => uuidV5([model.id, ...parts].join('/'));
  const evidenceUuid = new Map(model.evidence.map((item) => [item.id, id('evidence', item.id)]));
  const resources = model.evidence.map((item) => ({
    uuid: evidenceUuid.get(item.id),
    title: item.name,
    description: item.summary || `${item.name} from ${item.source || 'the delivery pipeline'}`,
    props: [
      { name: 'collected', ns: NS, value: item.collectedAt },
      // How the file is dated: its tool's own date, a stated period, or not at all.
      { name: 'dating', ns: NS, value: reportDating(item) },
      ...(item.effectiveAt === undefined
        ? []
        : [{ name: 'effective', ns: NS, value: item.effectiveAt }]),
      { name: 'source', ns: NS, value: item.source || 'unknown' },
    ],
    rlinks: [
      {
        href: encodeURIComponent(item.name),
        'media-type': item.mediaType,
        hashes: [{ algorithm: 'SHA-256', value: item.sha256 }],
      },
    ],
  }));
  const evidenceObservation = (itemId: string): string => id('evidence-observation', itemId);
  const evidenceObservations = model.evidence.map((item) => ({
    uuid: evidenceObservation(item.id),
    title: `Evidence: ${item.name}`,
    description: item.summary || `Pipeline output ${item.name} (SHA-256 ${item.sha256}).`,
    methods: ['TEST'],
    types: ['control-objective'],
    'relevant-evidence': [
      {
        href: `#${evidenceUuid.get(item.id) ?? ''}`,
        description: `${item.name}, ${item.size} bytes, SHA-256 ${item.sha256}`,
        props: [{ name: 'sha256', ns: NS, value: item.sha256 }],
      },
    ],
    // An undated file's observation was collected when the file was; its date is unknown.
    collected: item.effectiveAt ?? item.collectedAt,
  }));
  const noteObservations = model.agenda.flatMap((item) => [
    ...item.observations.map((note, index) => ({
      uuid: id('note', item.id, String(index)),
      title: `${item.title}: observation ${index + 1}`,
      description: note.text,
      methods: ['EXAMINE'],
      collected: note.at ?? dayStart(model.period.start),
      ...(note.author ? { remarks: `Recorded by ${note.author}.` } : {}),
    })),
    // Follow-up questions are interviews: the question, and its answer once given.
    ...item.questions.map((question, index) => ({
      uuid: id('question', item.id, String(index)),
      title: `${item.title}: follow-up question ${index + 1}`,
      description: question.text,
      methods: ['INTERVIEW'],
      collected: question.at ?? dayStart(model.period.start),
      remarks:
        question.answer === ''
          ? 'Not answered yet.'
          : `Answer${question.answeredAt ? ` (${question.answeredAt})` : ''}: ${question.answer}`,
    })),
  ]);

  const groups =
    model.demos.length > 0
      ? model.demos.map((demo) => ({ key: demo.id, title: demo.label, date: demo.date }))
      : [{ key: '', title: model.sprint?.name ?? model.title, date: model.period.start }];
  if (model.demos.length > 0 && model.verdicts.some((verdict) => verdict.demo === undefined)) {
    groups.push({ key: '', title: 'Outside a named demo', date: model.period.start });
  }

  const results = groups.map((group) => {
    const verdicts = model.verdicts.filter(
      (verdict) => (verdict.demo ?? '') === group.key || model.demos.length === 0,
    );
    const controls = [
      ...new Set(verdicts.map((verdict) => token(parseControlRef(verdict.control).controlId))),
    ];
    const relatedEvidence = (control: string): string[] =>
      model.evidence
        .filter((item) => item.controls.includes(control))
        .map((item) => evidenceObservation(item.id));
    const findings = verdicts.map((verdict, index) => {
      const { catalogId, controlId } = parseControlRef(verdict.control);
      const { state: objectiveState, reason } = state(verdict.outcome);
      const item = model.agenda.find((entry) => entry.id === verdict.agendaItem);
      const related = [
        ...relatedEvidence(verdict.control),
        ...(item
          ? item.observations.map((_, noteIndex) => id('note', item.id, String(noteIndex)))
          : []),
      ];
      const remarks = [
        verdict.outcome === 'exception'
          ? `Risk accepted as an exception until ${verdict.exceptionExpires ?? '?'}.`
          : '',
        verdict.outcome === 'not-applicable' ? 'Not applicable to this increment.' : '',
        verdict.rationale,
      ]
        .filter(Boolean)
        .join(' ');
      return {
        uuid: id('finding', group.key, String(index), verdict.control),
        title: `${verdict.control}: ${VERDICT_LABELS[verdict.outcome]}`,
        description:
          verdict.rationale ||
          `${VERDICT_LABELS[verdict.outcome]} in ${group.title}${item ? `, agenda item “${item.title}”` : ''}.`,
        props: [
          { name: 'verdict', ns: NS, value: verdict.outcome },
          { name: 'catalog', ns: NS, value: catalogId },
          ...(verdict.exceptionExpires
            ? [{ name: 'exception-expires', ns: NS, value: verdict.exceptionExpires }]
            : []),
          ...(verdict.decidedBy ? [{ name: 'decided-by', ns: NS, value: verdict.decidedBy }] : []),
        ],
        target: {
          type: 'objective-id',
          'target-id': token(controlId),
          status: { state: objectiveState, reason, ...(remarks ? { remarks } : {}) },
        },
        ...(related.length > 0
          ? { 'related-observations': related.map((uuid) => ({ 'observation-uuid': uuid })) }
          : {}),
      };
    });
    return {
      uuid: id('result', group.key || 'all'),
      title: `${group.title} demo`,
      description: `Verdicts given in ${group.title} (${group.date}) for ${model.workspace.name}${model.team ? `, team ${model.team.name}` : ''}.`,
      start: dayStart(group.date),
      end: model.generatedAt,
      'reviewed-controls': {
        'control-selections': [
          controls.length > 0
            ? { 'include-controls': controls.map((control) => ({ 'control-id': control })) }
            : { description: 'No controls were judged.', 'include-all': {} },
        ],
      },
      // OSCAL arrays may not be empty: a demo with nothing recorded yet has no observations.
      ...(evidenceObservations.length + noteObservations.length > 0
        ? { observations: [...evidenceObservations, ...noteObservations] }
        : {}),
      ...(findings.length > 0 ? { findings } : {}),
    };
  });

  const parties = model.attendees.map((person, index) => ({
    uuid: id('party', String(index), person.name),
    type: 'person',
    name: person.name,
    ...(person.email ? { 'email-addresses': [person.email] } : {}),
  }));
  const assessors = model.attendees
    .map((person, index) => ({ person, uuid: parties[index]?.uuid ?? '' }))
    .filter(({ person }) => /audit|assess|secur/i.test(person.role));
  return {
    'assessment-results': {
      uuid: id('assessment-results'),
      metadata: {
        title: model.title,
        'last-modified': model.generatedAt,
        version: model.id,
        'oscal-version': OSCAL_VERSION,
        roles: [{ id: 'assessor', title: 'Assessor' }],
        ...(parties.length > 0 ? { parties } : {}),
        ...(assessors.length > 0
          ? {
              'responsible-parties': [
                { 'role-id': 'assessor', 'party-uuids': assessors.map((entry) => entry.uuid) },
              ],
            }
          : {}),
        props: [
          { name: 'report-kind', ns: NS, value: model.kind },
          // The ledger state the results came from: the audit log head (entry number, SHA-256).
          ...(model.ledger
            ? [
                {
                  name: 'audit-log-head',
                  ns: NS,
                  value: `${model.ledger.auditHead.seq}:${model.ledger.auditHead.hash}`,
                },
              ]
            : []),
        ],
      },
      'import-ap': {
        href: `#${id('assessment-plan')}`,
        remarks: 'The plan was the demo agenda; it is described in back-matter.',
      },
      results,
      'back-matter': {
        resources: [
          {
            uuid: id('assessment-plan'),
            title: 'Demo agenda (assessment plan)',
            description:
              model.agenda.length > 0
                ? model.agenda.map((item, index) => `${index + 1}. ${item.title}`).join('\n')
                : `Demos of ${model.workspace.name} from ${model.period.start} to ${model.period.end}.`,
          },
          ...resources,
        ],
      },
    },
  };
}
