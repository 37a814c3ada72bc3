import type { Sprint, Team, Workspace } from '../../../../core/model';
import type { ReportModel, ReportModelInput } from '../../../../core/report/model';
import { parseReportModel, REPORT_MODEL_VERSION } from '../../../../core/report/model';
import { db } from '../../db';
import { currentAuditStamp } from '../audit/queries';
import { APP_REPORT_CONTRIBUTORS } from './contributors';

/**
 * Builds the report model from the database: the one function every report in the app goes
 * through. It fills what the workspace, teams and sprints know; each feature adds its part
 * (demos and verdicts, evidence, issues, control scope, telemetry charts, post-mortems) through
 * a contributor listed in contributors.ts, so the PDF, the OSCAL export and the CLI's model
 * format stay one thing. The model pins the audit log head it was read at.
 */

export type ReportRequest =
  | {
      kind: 'sprint-demo-record';
      workspaceId: string;
      sprintId: string;
      /** One demo of the sprint; every demo of the sprint when absent. */
      demoId?: string | null;
    }
  | { kind: 'control-evidence-matrix'; workspaceId: string; start: string; end: string }
  | { kind: 'post-mortem'; workspaceId: string; postMortemId: string };

export interface AssemblyContext {
  request: ReportRequest;
  workspace: Workspace;
  /** The sprints the report covers (one for a sprint record, none for a post-mortem). */
  sprints: Sprint[];
  teams: Map<string, Team>;
  /** When the report is assembled: verdicts, exceptions and SLA clocks are read at this time. */
  now: Date;
  /** Reads from the app's database. */
  db: typeof db;
}

/** Adds a feature's part of the model (verdicts, evidence, issues, charts ...) in place. */
export type ReportContributor = (
  context: AssemblyContext,
  model: ReportModelInput,
) => Promise<void>;

const registered: ReportContributor[] = [];

/** Adds a contributor after the app's own (contributors.ts); returns a function removing it. */
export function registerReportContributor(contributor: ReportContributor): () => void {
  registered.push(contributor);
  return () => {
    const index = registered.indexOf(contributor);
    if (index >= 0) registered.splice(index, 1);
  };
}

export interface AssemblyOptions {
  generatedBy: string;
  /** Signatories printed on the sign-off page (the signing identity, co-signers). */
  signatories?: { name: string; role?: string; organisation?: string }[];
  now?: Date;
}

/** Every audited write moves the audit head: a model read between two equal heads is consistent. */
const MAX_ATTEMPTS = 3;

export class LedgerBusyError extends Error {
  override readonly name = 'LedgerBusyError';
  constructor() {
    super('The ledger kept changing while the report was assembled; try again in a moment.');
  }
}

function reportId(prefix: string, date: string, id: string): string {
  return `DL-${date}-${prefix}-${id.slice(0, 8).toUpperCase()}`;
}

export async function assembleReportModel(
  request: ReportRequest,
  options: AssemblyOptions,
): Promise<ReportModel> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const before = await currentAuditStamp();
    const model = await assembleOnce(request, options);
    const after = await currentAuditStamp();
    if (before.seq === after.seq && before.hash === after.hash) {
      model.ledger = { auditHead: { seq: after.seq, hash: after.hash } };
      return parseReportModel(model);
    }
  }
  throw new LedgerBusyError();
}

async function assembleOnce(
  request: ReportRequest,
  options: AssemblyOptions,
): Promise<ReportModelInput> {
  const workspace = await db.workspaces.get(request.workspaceId);
  if (!workspace) throw new Error('This workspace no longer exists.');
  const teams = new Map(
    (await db.teams.where('workspaceId').equals(workspace.id).toArray()).map((team) => [
      team.id,
      team,
    ]),
  );
  const allSprints = await db.sprints.where('workspaceId').equals(workspace.id).sortBy('startDate');
  const sprints =
    request.kind === 'sprint-demo-record'
      ? allSprints.filter((sprint) => sprint.id === request.sprintId)
      : request.kind === 'control-evidence-matrix'
        ? allSprints.filter(
            (sprint) => sprint.endDate >= request.start && sprint.startDate <= request.end,
          )
        : [];
  const now = options.now ?? new Date();
  const model: ReportModelInput = {
    schemaVersion: REPORT_MODEL_VERSION,
    ...(await cover(request, workspace, sprints, teams, now)),
    generatedAt: now.toISOString(),
    generatedBy: options.generatedBy,
    sample: workspace.sample === true,
    workspace: { name: workspace.name, description: workspace.description },
  };
  model.signOff = {
    statement: model.signOff?.statement ?? '',
    signatories: options.signatories ?? [],
  };
  const context: AssemblyContext = { request, workspace, sprints, teams, now, db };
  for (const contribute of [...APP_REPORT_CONTRIBUTORS, ...registered])
    await contribute(context, model);
  return model;
}

type Cover = Pick<
  ReportModelInput,
  'kind' | 'id' | 'title' | 'subtitle' | 'team' | 'sprint' | 'period' | 'signOff'
>;

/** What the title page says the report is: id, title, period, team and sprint. */
async function cover(
  request: ReportRequest,
  workspace: Workspace,
  sprints: Sprint[],
  teams: Map<string, Team>,
  now: Date,
): Promise<Cover> {
  const today = now.toISOString().slice(0, 10);
  if (request.kind === 'post-mortem') {
    return {
      kind: request.kind,
      id: reportId('PM', today, request.postMortemId),
      title: `Post-mortem — ${workspace.name}`,
      period: { start: today, end: today },
      signOff: {
        statement: `This blameless post-mortem of ${workspace.name} was reviewed and signed by the signatories below.`,
      },
    };
  }
  if (request.kind === 'control-evidence-matrix') {
    return {
      kind: request.kind,
      id: reportId('MTX', request.end, workspace.id),
      title: `Control evidence matrix — ${workspace.name}`,
      subtitle: `${sprints.length} sprint(s) in the period`,
      period: { start: request.start, end: request.end },
      signOff: {
        statement: `This matrix summarises the demos of ${workspace.name} in the period and was signed off by the signatories below.`,
      },
    };
  }
  const [sprint] = sprints;
  if (sprint === undefined) throw new Error('This sprint no longer exists.');
  const team = sprint.teamId ? teams.get(sprint.teamId) : undefined;
  const product = team?.product || team?.name || workspace.name;
  const demo = request.demoId ? await db.demos.get(request.demoId) : undefined;
  if (request.demoId && demo?.sprintId !== sprint.id)
    throw new Error('This demo is not part of the sprint any more.');
  return {
    kind: request.kind,
    id: demo ? reportId('DEM', demo.date, demo.id) : reportId('SPR', sprint.endDate, sprint.id),
    title: demo ? `${demo.title} — ${product}` : `${sprint.name} demo — ${product}`,
    subtitle: sprint.goal,
    ...(team ? { team: { name: team.name, product: team.product } } : {}),
    sprint: {
      name: sprint.name,
      goal: sprint.goal,
      startDate: sprint.startDate,
      endDate: sprint.endDate,
    },
    period: { start: sprint.startDate, end: sprint.endDate },
    signOff: {
      statement: `This record of the ${demo ? demo.title : `${sprint.name} demo`} of ${workspace.name} was reviewed and signed off by the signatories below.`,
    },
  };
}
