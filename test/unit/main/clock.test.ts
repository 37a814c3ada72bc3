import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../core/ipc/api';
import { signOffStatement, statementText } from '../../../core/demo/sign-off';
import { flowingClock, systemClock } from '../../../main/clock';
import { createHandlers, dispatch } from '../../../main/handlers';
import { SUITE_NOW } from '../../support/clock';
import { record } from '../../support/demo-record';
import { testPlatform } from './platform';

const scratch = mkdtempSync(path.join(tmpdir(), 'main-clock-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the clock main signs with', () => {
  it('is the machine’s clock unless a host gives another', () => {
    expect(systemClock().getTime()).toBe(Date.now());
  });

  it('a flowing clock starts at its instant and moves on at the real pace', () => {
    let real = 5_000_000;
    const start = new Date('2026-11-27T09:00:00.000Z');
    const clock = flowingClock(start, () => real);
    expect(clock().toISOString()).toBe('2026-11-27T09:00:00.000Z');
    real += 90_000;
    expect(clock().toISOString()).toBe('2026-11-27T09:01:30.000Z');
    // Each reading is a new Date: a caller changing one does not move the clock.
    clock().setTime(0);
    expect(clock().toISOString()).toBe('2026-11-27T09:01:30.000Z');
  });

  it("the handler table makes identities, signs sign-offs and PDFs on the host's clock, not the machine's", async () => {
    // Three weeks from the machine's (pinned) time: nothing main writes may carry the machine's.
    const hostNow = new Date(SUITE_NOW.getTime() + 21 * 86_400_000);
    const dataPath = path.join(scratch, 'host');
    const saved = path.join(scratch, 'signed.pdf');
    const handlers = createHandlers({
      platform: testPlatform(dataPath, {
        clock: () => new Date(hostNow),
        chooseSavePath: async () => saved,
      }),
    });
    const api = createApi(
      (channel, input) => dispatch(handlers, channel, input),
      () => () => undefined,
    );
    const passphrase = 'correct horse battery';
    const identity = await api.identityCreate({
      owner: { personId: 'person-dana', name: 'Dana Reyes' },
      name: 'Dana Reyes',
      passphrase,
    });
    expect(identity.createdAt).toBe(hostNow.toISOString());
    // The certificate is valid from just before the host's now (keys.ts backdates 5 minutes).
    expect(Date.parse(identity.certificate.notBefore)).toBe(hostNow.getTime() - 5 * 60_000);

    const { check } = await api.signoffSign({
      identity: identity.certificate.fingerprint,
      passphrase,
      statement: statementText(signOffStatement(record(), null, 'auditor', null)),
    });
    expect(check.valid).toBe(true);
    expect(check.signedAt).toBe(hostNow.toISOString());

    const document = await PDFDocument.create();
    document.addPage();
    const pdf = await document.save();
    const { uploadId } = await api.reportBeginUpload({ size: pdf.byteLength });
    await api.reportUploadChunk({ uploadId, data: pdf });
    const signed = await api.reportSignUpload({
      uploadId,
      suggestedName: 'report.pdf',
      identity: identity.certificate.fingerprint,
      passphrase,
      reason: 'Demo record',
      location: 'Test',
      subFilter: 'ETSI.CAdES.detached',
    });
    expect(signed.verification?.signatures[0]?.claimedSigningTime).toBe(hostNow.toISOString());
  }, 60_000);
});
