import type { ReportModel } from './model';

/**
 * Which issues belong to which demo, read from a report model the one way: an issue belongs to
 * the demos whose agenda items list it (the demo contribution puts there exactly what
 * core/demo/happened.ts derives). The record, the matrix's issue table and the OSCAL export all
 * read it through here, so they name the same issues for each demo.
 */
export function issuesByDemo(model: ReportModel): Map<string, string[]> {
  const byDemo = new Map<string, string[]>();
  for (const item of model.agenda) {
    if (item.demo === undefined) continue;
    const list = byDemo.get(item.demo) ?? [];
    for (const id of item.issues) if (!list.includes(id)) list.push(id);
    byDemo.set(item.demo, list);
  }
  return byDemo;
}

const demoLabels = new WeakMap<ReportModel, Map<string, string[]>>();

/** The labels of the demos an issue belongs to, per issue id (computed once per model). */
export function demosOfIssues(model: ReportModel): Map<string, string[]> {
  const known = demoLabels.get(model);
  if (known !== undefined) return known;
  const labels = new Map(model.demos.map((demo) => [demo.id, demo.label]));
  const out = new Map<string, string[]>();
  for (const [demo, ids] of issuesByDemo(model)) {
    for (const id of ids) out.set(id, [...(out.get(id) ?? []), labels.get(demo) ?? demo]);
  }
  demoLabels.set(model, out);
  return out;
}
