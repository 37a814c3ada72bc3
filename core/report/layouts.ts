import matrixLayout from '../../templates/reports/control-evidence-matrix.layout.json';
import postMortemLayout from '../../templates/reports/post-mortem.layout.json';
import recordLayout from '../../templates/reports/sprint-demo-record.layout.json';
import type { ReportLayout } from './layout';
import { parseLayout } from './layout';
import type { ReportKind } from './model';

/** The layouts shipped in templates/reports/, validated on first use. */
const LAYOUTS: Readonly<Record<ReportKind, unknown>> = {
  'sprint-demo-record': recordLayout,
  'control-evidence-matrix': matrixLayout,
  'post-mortem': postMortemLayout,
};

const parsed = new Map<ReportKind, ReportLayout>();

export function defaultLayout(kind: ReportKind): ReportLayout {
  let layout = parsed.get(kind);
  if (layout === undefined) {
    layout = parseLayout(LAYOUTS[kind]);
    parsed.set(kind, layout);
  }
  return layout;
}
