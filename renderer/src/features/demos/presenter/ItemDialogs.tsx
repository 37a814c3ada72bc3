import type { DemoRecord } from '../../../../../core/demo/digest';
import type { AgendaItem, ControlRef, ControlVerdict } from '../../../../../core/model';
import { suggestedPriority } from '../slots';
import { EvidenceControlsDialog } from './EvidenceControlsDialog';
import { ExceptionDialog } from './ExceptionDialog';
import { RaiseIssueDialog } from './RaiseIssueDialog';
import { LinkControlDialog } from './SmallDialogs';

/** `attendance` and `leave` (the confirmation of Esc) do not need an item. */
export type OpenDialog =
  'none' | 'exception' | 'issue' | 'attendance' | 'link' | 'evidence-controls' | 'leave';

/** The dialogs presenter mode opens on the current item; at most one is open. */
export function ItemDialogs({
  open,
  onClose,
  record,
  item,
  control,
  issue,
  linkedFile,
}: {
  open: OpenDialog;
  onClose: () => void;
  record: DemoRecord;
  item: AgendaItem;
  /** The selected control (an exception is recorded for it). */
  control: ControlRef | null;
  /** The control an issue is raised for, and the failed verdict it comes from, if any. */
  issue: { control: ControlRef | null; verdict: ControlVerdict | null };
  /** The file whose controls were asked for, or null for all the item's files. */
  linkedFile: string | null;
}) {
  return (
    <>
      <ExceptionDialog
        open={open === 'exception'}
        onClose={onClose}
        demoId={record.demo.id}
        itemId={item.id}
        control={control}
      />
      <RaiseIssueDialog
        open={open === 'issue'}
        onClose={onClose}
        demo={record.demo}
        item={item}
        control={issue.control}
        verdict={issue.verdict}
        priority={suggestedPriority(issue.verdict !== null)}
      />
      <LinkControlDialog open={open === 'link'} onClose={onClose} item={item} />
      <EvidenceControlsDialog
        open={open === 'evidence-controls'}
        onClose={onClose}
        item={item}
        record={record}
        focusEvidenceId={linkedFile}
      />
    </>
  );
}
