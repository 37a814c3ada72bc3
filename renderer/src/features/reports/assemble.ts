import type { Sprint, Team, Workspace } from '../../../../core/model';
import type { ReportModel, ReportModelInput } from '../../../../core/report/model';
import { parseReportModel, REPORT_MODEL_VERSION } from '../../../../core/report/model';
import { db } from '../../db';

/**
 * Builds the report model from the database: the one function every report in the app goes
 * through. It fills what the workspace, teams and sprints know; features recorded elsewhere
 * (demos and verdicts, evidence, issues, telemetry charts) add theirs by registering a
 * contributor, so the PDF, the OSCAL export and the CLI's model format stay one thing.
 */

export type ReportRequest =
  | { kind: 'sprint-demo-record'; workspaceId: string; sprintId: string }
  | { kind: 'control-evidence-matrix'; workspaceId: string; start: string; end: string };

export interface AssemblyContext {
  request: ReportRequest;
  workspace: Workspace;
  /** The sprints the report covers (one for a sprint record). */
  sprints: Sprint[];
  teams: Map<string, Team>;
  /** Reads from the app's database. */
  db: typeof db;
}

/** Adds a feature's part of the model (verdicts, evidence, issues, charts ...) in place. */
export type ReportContributor = (context: AssemblyContext, model: ReportModelInput) => Promise<void>;

const contributors: ReportContributor[] = [];

export function registerReportContributor(contributor: ReportContributor): () => void {
  contributors.push(contributor);
  return () => {
    const index = contributors.indexOf(contributor);
    if (index >= 0) contributors.splice(index, 1);
  };
}

export interface AssemblyOptions {
  generatedBy: string;
  /** Signatories printed on the sign-off page (the signing identity, co-signers). */
  signatories?: { name: string; role?: string; organisation?: string }[];
  now?: Date;
}

function reportId(prefix: string, date: string, id: string): string {
  return `DL-${date}-${prefix}-${id.slice(0, 8).toUpperCase()}`;
}

export async function assembleReportModel(request: ReportRequest, options: AssemblyOptions): Promise<ReportModel> {
  const workspace = await db.workspaces.get(request.workspaceId);
  if (!workspace) throw new Error('This workspace no longer exists.');
  const teams = new Map((await db.teams.where('workspaceId').equals(workspace.id).toArray()).map((team) => [team.id, team]));
  const allSprints = await db.sprints.where('workspaceId').equals(workspace.id).sortBy('startDate');
  const sprints =
    request.kind === 'sprint-demo-record'
      ? allSprints.filter((sprint) => sprint.id === request.sprintId)
      : allSprints.filter((sprint) => sprint.endDate >= request.start && sprint.startDate <= request.end);
  const [sprint] = sprints;
  if (request.kind === 'sprint-demo-record' && sprint === undefined) throw new Error('This sprint no longer exists.');
  const now = options.now ?? new Date();
  const team = sprint?.teamId ? teams.get(sprint.teamId) : undefined;
  const model: ReportModelInput = {
    schemaVersion: REPORT_MODEL_VERSION,
    kind: request.kind,
    id:
      request.kind === 'sprint-demo-record' && sprint
        ? reportId('SPR', sprint.endDate, sprint.id)
        : reportId('MTX', request.kind === 'control-evidence-matrix' ? request.end : '', workspace.id),
    title:
      request.kind === 'sprint-demo-record' && sprint
        ? `${sprint.name} demo — ${team?.product || team?.name || workspace.name}`
        : `Control evidence matrix — ${workspace.name}`,
    subtitle: request.kind === 'sprint-demo-record' ? (sprint?.goal ?? '') : `${sprints.length} sprint(s) in the period`,
    generatedAt: now.toISOString(),
    generatedBy: options.generatedBy,
    workspace: { name: workspace.name, description: workspace.description },
    ...(request.kind === 'sprint-demo-record' && team ? { team: { name: team.name, product: team.product } } : {}),
    ...(request.kind === 'sprint-demo-record' && sprint
      ? { sprint: { name: sprint.name, goal: sprint.goal, startDate: sprint.startDate, endDate: sprint.endDate } }
      : {}),
    period:
      request.kind === 'sprint-demo-record' && sprint
        ? { start: sprint.startDate, end: sprint.endDate }
        : { start: request.kind === 'control-evidence-matrix' ? request.start : '', end: request.kind === 'control-evidence-matrix' ? request.end : '' },
    signOff: {
      statement:
        request.kind === 'sprint-demo-record'
          ? `This record of the ${sprint?.name ?? ''} demo of ${workspace.name} was reviewed and signed off by the signatories below.`
          : `This matrix summarises the demos of ${workspace.name} in the period and was signed off by the signatories below.`,
      signatories: options.signatories ?? [],
    },
  };
  const context: AssemblyContext = { request, workspace, sprints, teams, db };
  for (const contribute of contributors) await contribute(context, model);
  return parseReportModel(model);
}
