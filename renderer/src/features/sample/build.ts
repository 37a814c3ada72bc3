import type { AgendaItem, Person, Workspace } from '../../../../core/model';
import {
  SAMPLE_IDENTITY_NAME,
  SAMPLE_PASSPHRASE,
  SAMPLE_SIGNER,
  SAMPLE_WORKSPACE_NAME,
  Person as PersonSchema,
  Workspace as WorkspaceSchema,
  newId,
  nowIso,
} from '../../../../core/model';
import { getApi } from '../../app/api';
import { db } from '../../db';
import { addDays, todayIso } from '../../lib/format';
import { parseOrThrow } from '../../lib/validation';
import { adoptFramework } from '../controls/commands';
import { addAttendee, createDemo, startDemo } from '../demos/commands';
import {
  ITEM_EVIDENCE_TABLES,
  addNote,
  raiseItemIssue,
  recordEvidence,
  setVerdict,
} from '../demos/record-commands';
import { concernsToAcknowledge, signOffDemo } from '../demos/signoff';
import { evidenceStore } from '../demos/wiring/evidence';
import { trackerIssues } from '../demos/wiring/issues';
import {
  addActionItem,
  addTimelineEntry,
  savePostMortemNarrative,
  startPostMortem,
} from '../postmortems/commands';
import { createIdentity, lockIdentities, ownerOf } from '../signing/commands';
import { storeImport } from '../telemetry/commands';
import { importInWorker } from '../telemetry/useImportWorker';
import { saveSetting } from '../settings/commands';
import { createSprint, createTeam } from '../workspaces/commands';
import type { SampleFileName } from './fixtures';
import { SAMPLE_FILES, sampleFile } from './fixtures';
import { deleteSample, readSample } from './remove';
import { SAMPLE_ITEMS, SAMPLE_POST_MORTEM } from './story';

/**
 * Builds the sample workspace through the app's own commands, as a person would: the evidence
 * goes through the readers and the store (hashed, parsed, linked by meaning), the issues get
 * their SLA clocks from the tracker, the telemetry goes through the import worker and the alert
 * rules, and the demo is signed off with the sample signer's identity (a real CMS signature by
 * a certificate named as a sample). If any step fails, what was built is deleted again.
 */

export interface SampleProgress {
  step: string;
  done: number;
  total: number;
}

const STEPS = [
  'Workspace, team and sprint',
  'Demo and agenda',
  'Evidence through the readers',
  'Verdicts and issues',
  'Post-mortem',
  'Telemetry import',
  'Sample signer and sign-off',
] as const;

export class SampleExists extends Error {
  override readonly name = 'SampleExists';
  constructor() {
    super('The sample workspace is already here: delete it first to build it again.');
  }
}

export async function createSample(
  onProgress: (progress: SampleProgress) => void = () => undefined,
): Promise<Workspace> {
  if ((await readSample()).workspaces.length > 0) throw new SampleExists();
  const report = (index: number): void =>
    onProgress({ step: STEPS[index] ?? '', done: index, total: STEPS.length });
  try {
    report(0);
    const workspace = await addSampleWorkspace();
    const today = todayIso();
    await adoptFramework(workspace.id, 'nist-sp-800-53-rev5', 'moderate');
    const team = await createTeam(workspace.id, {
      name: 'Checkout squad',
      product: 'Harbour Pay checkout',
    });
    const sprint = await createSprint(workspace.id, {
      name: 'Sprint 14',
      goal: 'Card payments through the new TLS endpoint, with the base image upgraded.',
      teamId: team.id,
      startDate: addDays(today, -13),
      endDate: today,
    });
    report(1);
    const demo = await createDemo(
      workspace.id,
      {
        sprintId: sprint.id,
        title: 'Sprint 14 review',
        date: today,
        facilitator: 'Morgan Lee',
      },
      SAMPLE_ITEMS.map((item) => item.draft),
    );
    for (const attendee of [
      { name: 'Morgan Lee', role: 'product-owner' },
      { name: 'Priya Shah', role: 'developer' },
      { name: 'Jordan Okafor', role: 'infosec' },
      { name: SAMPLE_SIGNER.name, role: 'auditor' },
    ] as const)
      await addAttendee(demo.id, attendee);
    await startDemo(demo.id);
    const items = await db.demoItems.where('demoId').equals(demo.id).sortBy('position');

    report(2);
    for (const [index, item] of items.entries()) {
      for (const name of SAMPLE_ITEMS[index]?.files ?? []) await attach(item, name);
      for (const note of SAMPLE_ITEMS[index]?.notes ?? [])
        await addNote(item.id, note.kind, note.text);
    }

    report(3);
    const raised = new Map<number, string>();
    for (const [index, item] of items.entries()) {
      const story = SAMPLE_ITEMS[index];
      if (!story) continue;
      for (const decision of story.verdicts(today)) {
        const verdict = await setVerdict(item.id, decision.control, decision, evidenceStore);
        if (decision.issue) {
          const { issue } = await raiseItemIssue(
            item.id,
            { ...decision.issue, control: decision.control },
            trackerIssues,
            { owner: item.owner, verdictId: verdict.id },
          );
          if (issue.trackerId !== null && decision.issue.priority === 'P1')
            raised.set(index, issue.trackerId);
        }
      }
    }

    report(4);
    const p1 = [...raised.values()][0];
    if (p1 !== undefined) await writePostMortem(p1, today);

    report(5);
    await importTelemetry(workspace.id);

    report(6);
    const signer = await addSampleSigner();
    const identity = await sampleIdentity(signer);
    // The sample signer acknowledges what the sample leaves open, so the record shows how.
    await signOffDemo(demo.id, signer, {
      identity,
      passphrase: SAMPLE_PASSPHRASE,
      acknowledged: await concernsToAcknowledge(demo.id),
    });
    // The sample signer signs only when asked: nothing unattended signs with it.
    await lockIdentities(identity);
    await saveSetting('currentWorkspaceId', workspace.id);
    onProgress({ step: 'Done', done: STEPS.length, total: STEPS.length });
    return workspace;
  } catch (error) {
    await deleteSample().catch(() => undefined);
    throw error;
  }
}

async function addSampleWorkspace(): Promise<Workspace> {
  const now = nowIso();
  const workspace = parseOrThrow(WorkspaceSchema, {
    id: newId(),
    name: SAMPLE_WORKSPACE_NAME,
    description:
      'Made-up data for learning Demo Ledger: a sprint demo of a fictional payments team, with real tool outputs as its evidence. Delete it in one step from the banner or Settings.',
    sample: true,
    createdAt: now,
    updatedAt: now,
  });
  await db.audited('sample', ['workspaces'], () => db.workspaces.add(workspace));
  return workspace;
}

/** A shipped file attached to an item the way a drop in presenter mode attaches it. */
async function attach(item: AgendaItem, name: SampleFileName): Promise<void> {
  await evidenceStore.attach(
    [await sampleFile(name)],
    {
      workspaceId: item.workspaceId,
      sprintId: item.sprintId,
      demoId: item.demoId,
      itemId: item.id,
      controls: item.controls,
    },
    {
      record: async (ref) => {
        await recordEvidence(item.id, [ref]);
      },
      recordTables: ITEM_EVIDENCE_TABLES,
    },
  );
}

async function writePostMortem(issueId: string, today: string): Promise<void> {
  const postMortem = await startPostMortem(issueId);
  await savePostMortemNarrative(postMortem.id, {
    ...SAMPLE_POST_MORTEM.narrative,
    title: postMortem.title,
    failedControls: postMortem.failedControls,
  });
  for (const entry of SAMPLE_POST_MORTEM.timeline(new Date()))
    await addTimelineEntry(postMortem.id, entry);
  for (const action of SAMPLE_POST_MORTEM.actions(today))
    await addActionItem(postMortem.id, action);
}

/** The shipped auth.log through the import worker and the workspace's alert rules. */
async function importTelemetry(workspaceId: string): Promise<void> {
  const file = await sampleFile(SAMPLE_FILES.authLog);
  // syslog lines carry no year: the file was generated for November 2026.
  const options = {
    kind: 'auth-log',
    format: 'text',
    bucketMs: 60_000,
    host: '',
    year: 2026,
  } as const;
  const outcome = await importInWorker(file, options).outcome;
  if (outcome.state !== 'done')
    throw new Error(
      `The sample telemetry did not import: ${outcome.state === 'failed' ? outcome.message : 'cancelled'}.`,
    );
  await storeImport(
    workspaceId,
    { name: file.name, size: file.size, sha256: outcome.sha256 },
    outcome.result,
  );
}

/** The made-up auditor, kept as a person so their sign-off names them; never at the keyboard. */
async function addSampleSigner(): Promise<Person> {
  const now = nowIso();
  const person = parseOrThrow(PersonSchema, {
    ...SAMPLE_SIGNER,
    id: newId(),
    sample: true,
    createdAt: now,
    updatedAt: now,
  });
  await db.audited('sample', ['people'], () => db.people.add(person));
  return person;
}

/** A new identity for the sample signer, its certificate named as a sample. */
async function sampleIdentity(signer: Person): Promise<string> {
  await createIdentity(ownerOf(signer), {
    name: SAMPLE_IDENTITY_NAME,
    organisation: SAMPLE_SIGNER.organisation,
    email: '',
    algorithm: 'ecdsa-p256',
    passphrase: SAMPLE_PASSPHRASE,
    confirm: SAMPLE_PASSPHRASE,
    remember: false,
  });
  const { identities } = await getApi().identityList();
  const made = identities.find((identity) => identity.owner?.personId === signer.id);
  if (!made) throw new Error('The sample identity was not kept.');
  return made.certificate.fingerprint;
}
