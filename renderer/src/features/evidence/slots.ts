import type { ReactNode } from 'react';
import type { EvidenceSummary, Finding } from '../../../../core/evidence/model';
import type { Evidence } from '../../../../core/model';

/**
 * Where the evidence area hands work to other features; the app passes it to EvidencePage.
 * Without it the findings table has no issue column.
 * - `onRaiseIssue` raises (prefills) a security issue from a finding of a stored file; the
 *   evidence and its summary say where and when the finding was seen.
 * - `raisedIssueOf` draws the issue a finding was already raised as (key, status, clock), or
 *   returns null; the table shows it in place of the Raise issue button.
 */
export interface FindingIssueSlot {
  onRaiseIssue: (
    finding: Finding,
    seenIn: { evidence: Evidence; summary: EvidenceSummary },
  ) => void;
  raisedIssueOf: (finding: Finding) => ReactNode | null;
}
