import type { DragEvent } from 'react';
import { useState } from 'react';
import { notify, notifyError } from '../../../app/notifications';
import { recordEvidence } from '../record-commands';
import type { EvidenceTarget } from '../slots';
import { useDemoSlots } from '../slots';

export interface EvidenceDrop {
  /** True while files are dragged over the drop zone. */
  dragging: boolean;
  /** What is happening (hashing, storing), or null when idle. */
  status: string | null;
  zoneProps: {
    onDragOver: (event: DragEvent) => void;
    onDragLeave: (event: DragEvent) => void;
    onDrop: (event: DragEvent) => void;
  };
  attachFiles: (files: readonly File[]) => Promise<void>;
}

/**
 * Files dropped on presenter mode (or chosen with `F`) go through the evidence slot, which
 * fingerprints or stores them, and the item records the references it returns.
 */
export function useEvidenceDrop(target: EvidenceTarget | null, editable: boolean): EvidenceDrop {
  const { evidence } = useDemoSlots();
  const [dragging, setDragging] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const hasFiles = (event: DragEvent): boolean => event.dataTransfer.types.includes('Files');

  const attachFiles = async (files: readonly File[]): Promise<void> => {
    if (!target || files.length === 0) return;
    if (!editable) {
      notify('error', 'This demo is signed off; open an amendment to attach evidence.');
      return;
    }
    try {
      setStatus(`Attaching ${files.length} ${files.length === 1 ? 'file' : 'files'}…`);
      const refs = await evidence.attach(files, target, setStatus);
      await recordEvidence(target.itemId, refs);
      notify(
        'success',
        `Attached ${refs.map((ref) => ref.name).join(', ')} (SHA-256 ${refs[0]?.sha256.slice(0, 12) ?? ''}…).`,
      );
    } catch (error) {
      notifyError(error, 'Evidence not attached');
    } finally {
      setStatus(null);
    }
  };

  return {
    dragging,
    status,
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
