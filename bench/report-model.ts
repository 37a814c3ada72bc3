import type { ReportModelInput } from '../core/report/model';

/**
 * A large, realistic report model for benchmarks: `rows` evidence files (20,000 by default)
 * spread over controls and demos, as a pipeline-heavy quarter would produce.
 */
export function largeReportModel(rows: number): ReportModelInput {
  const controls = Array.from(
    { length: 60 },
    (_, index) =>
      `nist-sp-800-53-rev5#${['ac', 'au', 'cm', 'ia', 'ra', 'sa', 'sc', 'si'][index % 8]}-${Math.floor(index / 8) + 1}`,
  );
  const hex = (seed: number): string => {
    let value = seed * 2654435761;
    let out = '';
    while (out.length < 64) {
      value = (value * 1103515245 + 12345) >>> 0;
      out += value.toString(16).padStart(8, '0');
    }
    return out.slice(0, 64);
  };
  const demos = Array.from({ length: 6 }, (_, index) => ({
    id: `demo-${index + 1}`,
    label: `Sprint ${index + 9}`,
    date: `2026-${String(8 + Math.floor(index / 2)).padStart(2, '0')}-${index % 2 === 0 ? '12' : '26'}`,
  }));
  const tools = ['junit', 'sarif', 'nmap', 'zap', 'trivy', 'grype', 'cyclonedx', 'lynis'];
  return {
    schemaVersion: 1,
    kind: 'control-evidence-matrix',
    id: 'DL-BENCH-20K',
    title: 'Control evidence matrix — benchmark quarter',
    generatedAt: '2026-11-26T16:00:00Z',
    generatedBy: 'Benchmark',
    workspace: { name: 'Payments platform' },
    period: { start: '2026-08-01', end: '2026-11-27' },
    demos,
    controls: controls.map((ref) => ({ ref, title: `Control ${ref.split('#')[1] ?? ''}` })),
    verdicts: controls.flatMap((control, index) =>
      demos.map((demo, demoIndex) => ({
        control,
        demo: demo.id,
        outcome:
          (['satisfied', 'satisfied', 'not-satisfied', 'not-applicable'] as const)[
            (index + demoIndex) % 4
          ] ?? 'satisfied',
      })),
    ),
    evidence: Array.from({ length: rows }, (_, index) => {
      const tool = tools[index % tools.length] ?? 'junit';
      return {
        id: `ev-${index}`,
        name: `${tool}-report-${String(index).padStart(5, '0')}.json`,
        size: 1000 + ((index * 7919) % 900_000),
        sha256: hex(index + 1),
        collectedAt: new Date(Date.UTC(2026, 7, 1) + index * 517_000).toISOString(),
        source: `GitLab CI · ${tool} #${4000 + index}`,
        controls: [controls[index % controls.length] ?? 'nist-sp-800-53-rev5#ac-1'],
      };
    }),
    charts: [
      {
        id: 'evidence',
        title: 'Evidence files per demo',
        kind: 'bar',
        categories: demos.map((demo) => demo.label),
        series: [{ name: 'Files', values: demos.map(() => Math.round(rows / demos.length)) }],
      },
    ],
    signOff: { statement: 'Benchmark report.', signatories: [{ name: 'Bench Signer' }] },
  };
}
