import type { IssueDraftInput } from '../../../../core/model';
import { createSharedValue } from '../../lib/sharedValue';

/**
 * Opens the one Raise issue dialog from anywhere (presenter mode, an evidence finding, a control
 * verdict, a telemetry alert) with a prefilled draft. The dialog lives in IssueRaiser, mounted
 * by the shell; features that want their own dialog can render RaiseIssueDialog instead.
 */
export type RaisePrefill = Partial<IssueDraftInput> & { workspaceId?: string };

const request = createSharedValue<RaisePrefill | null>(null);

export const requestRaiseIssue = (prefill: RaisePrefill = {}): void => request.set(prefill);
export const clearRaiseRequest = (): void => request.set(null);
export const useRaiseRequest = (): RaisePrefill | null => request.use();
