import type { ReportModelInput } from '../../../../core/report/model';
import type { ReportContributor } from '../reports/assemble';
import { buildStatementOfApplicability } from './commands';
import { loadedLibrary } from './library';

/**
 * The controls of a report, with their titles from the loaded catalogs and their scope from the
 * workspace's Statement of Applicability: a period's matrix lists every control the SoA puts in
 * scope (its adopted baselines, and controls decided applicable) and shows controls decided not
 * applicable as out of scope; every report names the controls its demos, evidence and issues
 * refer to.
 */

type ModelControl = NonNullable<ReportModelInput['controls']>[number];

function referencedControls(model: ReportModelInput): string[] {
  const refs = new Set<string>();
  for (const item of model.agenda ?? []) for (const ref of item.controls ?? []) refs.add(ref);
  for (const verdict of model.verdicts ?? []) refs.add(verdict.control);
  for (const item of model.evidence ?? []) for (const ref of item.controls ?? []) refs.add(ref);
  for (const issue of model.issues ?? []) for (const ref of issue.controls ?? []) refs.add(ref);
  return [...refs];
}

export const controlsReportContribution: ReportContributor = async (context, model) => {
  if (context.request.kind === 'post-mortem') return;
  const [soa, library] = await Promise.all([
    buildStatementOfApplicability(context.workspace.id),
    loadedLibrary(),
  ]);
  const rows = new Map(soa.map((row) => [row.ref, row]));
  const controls = new Map<string, ModelControl>();
  const add = (ref: string): void => {
    if (controls.has(ref)) return;
    const row = rows.get(ref);
    controls.set(ref, {
      ref,
      title: row?.title || library.describe(ref)?.title || '',
      inScope: row?.applicability !== 'not-applicable',
    });
  };
  if (context.request.kind === 'control-evidence-matrix') for (const row of soa) add(row.ref);
  for (const ref of referencedControls(model)) add(ref);
  for (const control of model.controls ?? []) add(control.ref);
  model.controls = [...controls.values()];
};
