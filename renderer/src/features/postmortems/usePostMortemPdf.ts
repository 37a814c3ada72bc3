import { useCallback } from 'react';
import type { PostMortem } from '../../../../core/model';
import { currentActor } from '../../db';
import { assembleReportModel } from '../reports/assemble';
import { signatoriesOf, useReportExport } from '../reports/useReportExport';
import { useSetting } from '../settings/queries';
import { useSigningState } from '../signing/identity';

/**
 * The post-mortem as a signed PDF: assembled by the report pipeline (the post-mortem layout),
 * then built, signed, saved, verified and recorded like every other report.
 */
export function usePostMortemPdf(postMortem: PostMortem) {
  const exporter = useReportExport();
  const { identity, person } = useSigningState();
  const storedTsa = useSetting('tsaUrl');
  const { start } = exporter;
  const exportPdf = useCallback(async () => {
    if (identity === null)
      throw new Error(
        'No signing identity of yours yet: create or import one in Settings → Signing identities.',
      );
    const model = await assembleReportModel(
      { kind: 'post-mortem', workspaceId: postMortem.workspaceId, postMortemId: postMortem.id },
      { generatedBy: currentActor(), signatories: signatoriesOf(identity, person) },
    );
    await start({
      model,
      identity: identity.certificate.fingerprint,
      workspaceId: postMortem.workspaceId,
      sprintId: null,
      attachments: [],
      settings: {
        reason: 'Sign-off of the blameless post-mortem',
        location: '',
        tsaUrl: storedTsa.data ?? '',
      },
    });
  }, [identity, person, postMortem.id, postMortem.workspaceId, start, storedTsa.data]);
  return { exporter, exportPdf };
}
