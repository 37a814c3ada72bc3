import type { DragEvent } from 'react';
import { useRef, useState } from 'react';
import { notify, notifyError } from '../../../app/notifications';
import { ITEM_EVIDENCE_TABLES, recordEvidence } from '../record-commands';
import type { AttachProgress, EvidenceTarget } from '../slots';
import { useDemoSlots } from '../slots';

export interface EvidenceDrop {
  /** True while files are dragged over the drop zone. */
  dragging: boolean;
  /** How far attaching has got, or null when idle. */
  progress: AttachProgress | null;
  cancel: () => void;
  zoneProps: {
    onDragOver: (event: DragEvent) => void;
    onDragLeave: (event: DragEvent) => void;
    onDrop: (event: DragEvent) => void;
  };
  attachFiles: (files: readonly File[]) => Promise<void>;
}

/**
 * Files dropped on presenter mode (or chosen with `F`) go to the evidence slot, which stores,
 * reads and links each one and records the item's reference to it in the same transaction.
 */
export function useEvidenceDrop(target: EvidenceTarget | null, editable: boolean): EvidenceDrop {
  const { evidence } = useDemoSlots();
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<AttachProgress | null>(null);
  const controller = useRef<AbortController | null>(null);
  const hasFiles = (event: DragEvent): boolean => event.dataTransfer.types.includes('Files');

  const attachFiles = async (files: readonly File[]): Promise<void> => {
    if (!target || files.length === 0) return;
    if (!editable) {
      notify('error', 'This demo is signed off; open an amendment to attach evidence.');
      return;
    }
    if (controller.current) {
      notify('info', 'Still attaching the previous files; drop these again when it is done.');
      return;
    }
    const abort = new AbortController();
    controller.current = abort;
    try {
      setProgress({
        fileName: files[0]?.name ?? '',
        fileIndex: 0,
        fileCount: files.length,
        percent: 0,
        storing: false,
      });
      const attached = await evidence.attach(files, target, {
        record: async (ref) => {
          await recordEvidence(target.itemId, [ref]);
        },
        recordTables: ITEM_EVIDENCE_TABLES,
        onProgress: setProgress,
        signal: abort.signal,
      });
      // Linked at once by meaning; the notice says where, and K changes it.
      notify(
        'success',
        attached
          .map(
            (file) =>
              `${file.name}: ${file.headline}${file.changes ? `; ${file.changes}` : ''}; ${
                file.controls.length > 0
                  ? `linked to ${file.controls.join(', ')}`
                  : 'linked to none of the item’s controls'
              } (K to change)`,
          )
          .join(' · '),
      );
    } catch (error) {
      if (abort.signal.aborted)
        notify('info', 'Attaching cancelled; files stored before the cancel are kept.');
      else notifyError(error, 'Evidence not attached');
    } finally {
      controller.current = null;
      setProgress(null);
    }
  };

  return {
    dragging,
    progress,
    cancel: () => controller.current?.abort(),
    attachFiles,
    zoneProps: {
      onDragOver: (event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = editable ? 'copy' : 'none';
        setDragging(true);
      },
      onDragLeave: (event) => {
        if (event.currentTarget === event.target) setDragging(false);
      },
      onDrop: (event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        void attachFiles([...event.dataTransfer.files]);
      },
    },
  };
}
