import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VerifyReport } from '../../../core/ipc/contract';

/** The verify panel shows the file chosen last, whatever order the verifications end in. */

const pending = new Map<string, (report: VerifyReport) => void>();
vi.mock('../../../renderer/src/features/reports/upload', () => ({
  verifyPdf: (file: File) =>
    new Promise<VerifyReport>((resolve) => {
      pending.set(file.name, resolve);
    }),
}));

const { VerifyPanel } = await import('../../../renderer/src/features/reports/VerifyPanel');

function report(verdict: VerifyReport['verdict']): VerifyReport {
  return {
    verdict,
    refused: null,
    signatures: [],
    tampering: { detected: false, reasons: [] },
    manifest: { present: false, files: [], problems: [] },
    fileSha256: '0'.repeat(64),
  } as unknown as VerifyReport;
}

function choose(name: string) {
  const input = screen.getByLabelText('PDF to verify');
  fireEvent.change(input, { target: { files: [new File(['%PDF'], name)] } });
}

afterEach(() => {
  cleanup();
  pending.clear();
});

describe('VerifyPanel', () => {
  it('drops an earlier verification that ends after a later one', async () => {
    render(<VerifyPanel />);
    choose('signed.pdf');
    choose('forged.pdf');
    await act(async () => pending.get('forged.pdf')?.(report('tampered')));
    await act(async () => pending.get('signed.pdf')?.(report('valid')));
    const region = screen.getByRole('region', { name: 'Verification of forged.pdf' });
    expect(region.querySelector('[role="status"]')?.textContent).toBe(
      'Tampered: the file was changed after it was signed.',
    );
    expect(screen.queryByRole('region', { name: 'Verification of signed.pdf' })).toBeNull();
    expect(screen.queryByText('Verifying…')).toBeNull();
  });

  it('says it is verifying and hides the previous result while a new file is read', async () => {
    render(<VerifyPanel />);
    choose('signed.pdf');
    await act(async () => pending.get('signed.pdf')?.(report('valid')));
    expect(screen.getByRole('region', { name: 'Verification of signed.pdf' })).toBeTruthy();
    choose('forged.pdf');
    expect(screen.getByText('Verifying…')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Verification of signed.pdf' })).toBeNull();
  });
});
