import type {
  ActionItemDraft,
  AgendaItemDraft,
  ControlRef,
  DemoIssuePriority,
  NoteKind,
  PostMortemNarrative,
  VerdictDecision,
} from '../../../../core/model';
import { addDays } from '../../lib/format';
import type { SampleFileName } from './fixtures';
import { SAMPLE_FILES } from './fixtures';

/**
 * What the sample's sprint demo shows: three agenda items, the real files each was shown with,
 * and the verdicts the auditor gave. Every verdict says what the files really contain (the
 * jest report has a failing test, the ESLint run a no-eval error, the Trivy scan is from
 * January 2024), so the sample teaches reading evidence, not trusting a green tick.
 */

const nist = (id: string): ControlRef => `nist-sp-800-53-rev5#${id}`;

export interface SampleVerdict extends VerdictDecision {
  control: ControlRef;
  issue?: { title: string; priority: DemoIssuePriority; description: string };
}

export interface SampleItem {
  draft: AgendaItemDraft;
  files: readonly SampleFileName[];
  notes: readonly { kind: NoteKind; text: string }[];
  verdicts: (today: string) => SampleVerdict[];
}

export const SAMPLE_ITEMS: readonly SampleItem[] = [
  {
    draft: {
      key: 'PAY-101',
      title: 'Card form validation on checkout',
      description: 'Client-side and server-side validation of card details, with tests.',
      owner: 'Priya Shah',
      controls: [nist('sa-11')],
    },
    files: [SAMPLE_FILES.sarif, SAMPLE_FILES.junit],
    notes: [
      {
        kind: 'observation',
        text: 'Card numbers are validated with the Luhn check on both sides.',
      },
      { kind: 'question', text: 'Which test covers an expired card?' },
    ],
    verdicts: () => [
      {
        control: nist('sa-11'),
        verdict: 'not-satisfied',
        reason: 'ESLint reports a no-eval error in the checkout code and one jest test fails.',
        issue: {
          title: 'Remove eval() from the card form (ESLint no-eval)',
          priority: 'P2',
          description: 'Shown in the Sprint 14 review: the SARIF run lists a no-eval error.',
        },
      },
    ],
  },
  {
    draft: {
      key: 'PAY-114',
      title: 'TLS endpoint for the payments API',
      description: 'New TLS listener on 18443; the old plain listener on 18081 is retired.',
      owner: 'Jordan Okafor',
      controls: [nist('cm-7'), nist('sc-7')],
    },
    files: [SAMPLE_FILES.nmapBefore, SAMPLE_FILES.nmapAfter],
    notes: [{ kind: 'observation', text: 'The scan was run by the pipeline against staging.' }],
    verdicts: () => [
      {
        control: nist('sc-7'),
        verdict: 'satisfied',
        reason:
          '18443 is the planned TLS endpoint and 18081 is closed, as the change request says.',
      },
      {
        control: nist('cm-7'),
        verdict: 'not-satisfied',
        reason:
          'The scan compared with the previous one shows 18082 open, which no change asked for.',
        issue: {
          title: 'Unexpected port 18082 open on the payments host',
          priority: 'P1',
          description: 'Nmap drift since the previous scan: 18082 (http) opened without a change.',
        },
      },
    ],
  },
  {
    draft: {
      key: 'PAY-120',
      title: 'Checkout container base image',
      description: 'The checkout image on debian 10.13, scanned with Trivy.',
      owner: 'Morgan Lee',
      controls: [nist('ra-5'), nist('si-2')],
    },
    files: [SAMPLE_FILES.trivy],
    notes: [{ kind: 'observation', text: 'No newer image scan was in the artefact repository.' }],
    verdicts: (today) => [
      {
        control: nist('ra-5'),
        verdict: 'not-satisfied',
        reason: 'The only image scan shown is from January 2024: rescan before release.',
      },
      {
        control: nist('si-2'),
        verdict: 'exception',
        reason:
          'Eight low-severity findings in debian 10.13 packages, accepted until the move to debian 12.',
        expires: addDays(today, 30),
      },
    ],
  },
];

export const SAMPLE_POST_MORTEM: {
  narrative: Omit<PostMortemNarrative, 'title' | 'failedControls'>;
  timeline: (now: Date) => { at: string; text: string }[];
  actions: (today: string) => ActionItemDraft[];
} = {
  narrative: {
    summary:
      'A debugging listener on port 18082 shipped with the TLS change and was reachable on the payments host until the sprint review scan showed it.',
    impact:
      'No payment data was exposed: the listener served a static page. It was open for two days.',
    detection: 'The Nmap scan in the pipeline, compared with the previous scan during the demo.',
    contributingFactors:
      'The container image started every listener in the Procfile; the deployment check compared only the ports it expected, not every open one.',
    wentWell: 'The drift was visible in the demo and the owner closed the port within the hour.',
    wasHard: 'Finding which process opened the port took longest: the service had no owner label.',
    lessons: 'Compare every open port with the expected list in the pipeline, not only in demos.',
  },
  timeline: (now) => [
    {
      at: new Date(now.getTime() - 3 * 3_600_000).toISOString(),
      text: 'Pipeline scan shows 18082 open.',
    },
    {
      at: new Date(now.getTime() - 2 * 3_600_000).toISOString(),
      text: 'Port closed and redeployed.',
    },
  ],
  actions: (today) => [
    {
      title: 'Fail the pipeline on any port outside the expected list',
      owner: 'Jordan Okafor',
      dueDate: addDays(today, 5),
      priority: 'P2',
    },
  ],
};
