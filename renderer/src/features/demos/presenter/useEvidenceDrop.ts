import type { DragEvent } from 'react';
import { useState } from 'react';
import { notify } from '../../../app/notifications';
import type { EvidenceTarget } from '../slots';
import { useDemoSlots } from '../slots';
import { attachDropped } from './attach-jobs';

export interface EvidenceDrop {
  /** True while files are dragged over the drop zone. */
  dragging: boolean;
  zoneProps: {
    onDragOver: (event: DragEvent) => void;
    onDragLeave: (event: DragEvent) => void;
    onDrop: (event: DragEvent) => void;
  };
  attachFiles: (files: readonly File[]) => void;
}

/**
 * Files dropped on presenter mode (or chosen with `F`) go to the evidence slot as jobs of their
 * own (attach-jobs.ts): the item they were dropped on keeps them, whatever the presenter does
 * next, and a drop while others are being stored simply joins them.
 */
export function useEvidenceDrop(
  target: EvidenceTarget | null,
  itemLabel: string,
  editable: boolean,
): EvidenceDrop {
  const { evidence } = useDemoSlots();
  const [dragging, setDragging] = useState(false);
  const hasFiles = (event: DragEvent): boolean => event.dataTransfer.types.includes('Files');

  const attachFiles = (files: readonly File[]): void => {
    if (!target || files.length === 0) return;
    if (!editable) {
      notify('error', 'This demo is signed off; open an amendment to attach evidence.');
      return;
    }
    void attachDropped(files, target, itemLabel, evidence);
  };

  return {
    dragging,
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
        attachFiles([...event.dataTransfer.files]);
      },
    },
  };
}
