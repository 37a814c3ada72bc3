import { catalogKey } from '../../../../core/catalog/model';
import type { IdentityInfo } from '../../../../core/ipc/contract';
import type { Person, Workspace } from '../../../../core/model';
import { getApi } from '../../app/api';
import { db } from '../../db';
import { collectUnusedContent } from '../evidence/commands';
import { removeIdentity } from '../signing/commands';
import { deleteWorkspace } from '../workspaces/commands';

/**
 * The sample is what carries the sample mark: the workspace (and, through the cascade, every
 * record that belongs to it), the made-up signer and the identities that signer owns in main.
 * Deleting it removes all of them, the stored files no other attachment uses, and the catalog
 * snapshots only the sample pinned. The audit log keeps the entries of its making and its
 * deletion, as it does for any deleted workspace: the chain is append-only, and cutting
 * entries out would break it (README → The sample workspace).
 */

export interface SampleParts {
  workspaces: Workspace[];
  signers: Person[];
}

export async function readSample(): Promise<SampleParts> {
  const [workspaces, signers] = await Promise.all([
    db.workspaces.filter((workspace) => workspace.sample === true).toArray(),
    db.people.filter((person) => person.sample === true).toArray(),
  ]);
  return { workspaces, signers };
}

/** Identities in main that belong to a sample signer. */
export function sampleIdentities(
  identities: readonly IdentityInfo[],
  signers: readonly Pick<Person, 'id'>[],
): IdentityInfo[] {
  const ids = new Set(signers.map((signer) => signer.id));
  return identities.filter((identity) => identity.owner && ids.has(identity.owner.personId));
}

/** Deletes everything of the sample; true when there was something to delete. */
export async function deleteSample(): Promise<boolean> {
  const { workspaces, signers } = await readSample();
  const sampleIds = new Set(workspaces.map((workspace) => workspace.id));
  const pinned = (await db.workspaceFrameworks.toArray()).map((row) => ({
    workspaceId: row.workspaceId,
    key: catalogKey({ id: row.catalogId, version: row.version }),
  }));
  const pinnedElsewhere = new Set(
    pinned.filter((row) => !sampleIds.has(row.workspaceId)).map((row) => row.key),
  );
  const snapshots = [
    ...new Set(
      pinned
        .filter((row) => sampleIds.has(row.workspaceId) && !pinnedElsewhere.has(row.key))
        .map((row) => row.key),
    ),
  ];
  // The workspace goes last: while it is there the sample is still shown (and can be deleted
  // again if this stops half-way).
  const { identities } = await getApi().identityList();
  for (const identity of sampleIdentities(identities, signers))
    await removeIdentity(identity.certificate.fingerprint);
  if (signers.length > 0)
    await db.audited('sample', ['people'], () =>
      db.people.bulkDelete(signers.map((signer) => signer.id)),
    );
  if (snapshots.length > 0)
    await db.audited('sample', ['catalogs'], async () => {
      for (const key of snapshots) {
        const snapshot = await db.catalogs.get(key);
        if (snapshot?.origin === 'shipped') await db.catalogs.delete(key);
      }
    });
  for (const workspace of workspaces) await deleteWorkspace(workspace.id);
  await collectUnusedContent();
  return workspaces.length > 0 || signers.length > 0;
}
