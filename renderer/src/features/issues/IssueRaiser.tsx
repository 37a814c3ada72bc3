import { useMemo, useState } from 'react';
import type { Priority } from '../../../../core/model';
import { useRegisterCommands } from '../../app/commands/registry';
import { notify } from '../../app/notifications';
import { useCurrentWorkspace } from '../workspaces/queries';
import { RaiseIssueDialog } from './RaiseIssueDialog';
import type { RaisePrefill } from './raise-requests';
import { clearRaiseRequest, requestRaiseIssue, useRaiseRequest } from './raise-requests';
import { useRiskExpiry } from './useRiskExpiry';

/**
 * Mounted once by the shell: the commands that raise an issue from anywhere (Alt+I, and
 * Alt+Shift+1 / Alt+Shift+2 for a P1 or P2 straight away), the dialog they open, and the check
 * that reopens issues whose risk acceptance expired.
 */
export function IssueRaiser() {
  useRiskExpiry();
  const workspace = useCurrentWorkspace();
  const request = useRaiseRequest();
  const [dialogKey, setDialogKey] = useState(0);
  const workspaceId = workspace.data?.id;

  const commands = useMemo(() => {
    const raise = (priority?: Priority) => () => {
      if (workspaceId === undefined) {
        notify('error', 'Create a workspace first: issues belong to a workspace.');
        return;
      }
      setDialogKey((key) => key + 1);
      requestRaiseIssue(priority === undefined ? {} : { priority });
    };
    return [
      {
        id: 'issue.raise',
        title: 'Raise a security issue',
        section: 'Issues',
        shortcut: 'Alt+I',
        allowInTextEntry: true,
        run: raise(),
      },
      {
        id: 'issue.raise.p1',
        title: 'Raise a P1 security issue',
        section: 'Issues',
        shortcut: 'Alt+Shift+1',
        allowInTextEntry: true,
        run: raise('P1'),
      },
      {
        id: 'issue.raise.p2',
        title: 'Raise a P2 security issue',
        section: 'Issues',
        shortcut: 'Alt+Shift+2',
        allowInTextEntry: true,
        run: raise('P2'),
      },
    ];
  }, [workspaceId]);
  useRegisterCommands(commands);

  const draft: RaisePrefill | null =
    request === null ? null : { ...request, workspaceId: request.workspaceId ?? workspaceId ?? '' };
  return (
    <RaiseIssueDialog
      key={dialogKey}
      open={draft !== null}
      draft={draft ?? {}}
      onClose={() => {
        clearRaiseRequest();
        setDialogKey((key) => key + 1);
      }}
    />
  );
}
