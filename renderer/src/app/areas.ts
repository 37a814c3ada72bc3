/** The product's areas, in navigation order. Each gets Alt+<position> and a palette entry. */
export interface Area {
  id: string;
  path: string;
  label: string;
  /** One sentence on what the area is for. */
  summary: string;
  /** For areas still to be built: what they will hold, shown in place of their content. */
  coming?: readonly string[];
}

export const AREAS: readonly Area[] = [
  {
    id: 'workspace',
    path: '/',
    label: 'Sprints',
    summary:
      'The workspace, its teams and their sprints: the frame every demo and verdict hangs on.',
  },
  {
    id: 'demos',
    path: '/demos',
    label: 'Demos',
    summary: 'Step through each sprint demo and record what was shown.',
  },
  {
    id: 'evidence',
    path: '/evidence',
    label: 'Evidence',
    summary: 'The pipeline’s output, hashed, understood and compared with the previous run.',
    coming: [
      'Drop test reports, SARIF, Nmap, ZAP, Trivy, Grype, SBOMs, OpenSCAP, Lynis and more',
      'SHA-256 of every file, stored once however often it is used',
      'Drift against the previous scan: new ports, new and fixed findings, newly failing tests',
      'Links from evidence to the controls it demonstrates',
    ],
  },
  {
    id: 'controls',
    path: '/controls',
    label: 'Controls',
    summary: 'The control frameworks demos are judged against.',
    coming: [
      'NIST SP 800-53 rev5 with its baselines, OWASP ASVS, ISO/IEC 27001 Annex A, SOC 2 and a DevOps security baseline',
      'OSCAL and CSV catalog import and export',
      'Search across every catalog and a Statement of Applicability per workspace',
    ],
  },
  {
    id: 'issues',
    path: '/issues',
    label: 'Issues',
    summary: 'Security issues with P1/P2 service-level clocks.',
    coming: [
      'Raise issues from demo items, evidence findings and failed verdicts',
      'P1 fixed immediately, P2 by the end of the week: due dates and live clocks',
      'Verification by later evidence; import from and export to Jira',
    ],
  },
  {
    id: 'postmortems',
    path: '/postmortems',
    label: 'Post-mortems',
    summary: 'Blameless post-mortems so every security issue teaches the team.',
    coming: [
      'Timeline, contributing factors, what went well and what was hard',
      'Action items that become tracked issues',
      'Markdown export to keep next to the code',
    ],
  },
  {
    id: 'telemetry',
    path: '/telemetry',
    label: 'Telemetry',
    summary: 'Security telemetry that makes attacks visible.',
    coming: [
      'Access, authentication and change logs imported and charted',
      'Failed-to-successful login ratios, XSS and SQL-injection attempts, 4xx/5xx rates',
      'Alert rules that raise issues or attach charts as evidence',
    ],
  },
  {
    id: 'reports',
    path: '/reports',
    label: 'Reports',
    summary: 'The deliverable: signed control-evidence PDFs any PDF reader verifies.',
  },
  {
    id: 'settings',
    path: '/settings',
    label: 'Settings',
    summary:
      'Your name in the audit log, your signing identity, trusted certificates, appearance, workspaces and where data is kept.',
  },
];
