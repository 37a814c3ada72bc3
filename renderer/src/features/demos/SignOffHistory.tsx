import { useEffect, useState } from 'react';
import type { SignOffCheck } from '../../../../core/demo/sign-off';
import type { DemoRecord } from '../../../../core/demo/digest';
import { acknowledgementOf, compareWithRecord } from '../../../../core/demo/sign-off';
import { concernKey, concernText } from '../../../../core/demo/sign-off-guard';
import { useTrustAnchors } from '../signing/identity';
import type { DemoSignature, SignOff } from '../../../../core/model';
import { PERSON_ROLE_LABELS, ROLE_LABELS, isLegacySignOff } from '../../../../core/model';
import { formatDateTime } from '../../lib/format';
import { signOffRound } from '../../../../core/demo/rounds';
import { checkSignature, describeCheck } from './sign-off-checks';

/** Each signature checked by main: id → check, or why it could not be checked. */
function useSignatureChecks(signatures: readonly DemoSignature[]) {
  const [checks, setChecks] = useState<ReadonlyMap<string, SignOffCheck | string>>(new Map());
  useEffect(() => {
    let live = true;
    void Promise.all(
      signatures.map(async (row): Promise<[string, SignOffCheck | string]> => [
        row.id,
        await checkSignature(row),
      ]),
    ).then((entries) => {
      if (live) setChecks(new Map(entries));
    });
    return () => {
      live = false;
    };
  }, [signatures]);
  return checks;
}

function SignatureLine({
  row,
  check,
  record,
  latest,
}: {
  row: DemoSignature;
  check: SignOffCheck | string | undefined;
  record: DemoRecord;
  latest: number | null;
}) {
  const anchors = useTrustAnchors();
  const sentence = describeCheck(check, anchors);
  const statement = typeof check === 'object' ? check.statement : null;
  const acknowledgement = statement ? acknowledgementOf(statement) : null;
  const match = statement ? compareWithRecord(statement, record, latest) : null;
  return (
    <li
      className="signature"
      aria-label={`Signature of ${row.signer.commonName || row.signer.subject}`}
    >
      <strong>{row.signer.subject}</strong>{' '}
      <span className="muted">
        as {PERSON_ROLE_LABELS[row.person.role]}, {formatDateTime(row.signedAt)}
        {row.timestamp
          ? `; timestamp ${formatDateTime(row.timestamp.time)} from ${row.timestamp.authority}`
          : '; no timestamp'}
      </span>
      <br />
      <span className="muted">Certificate SHA-256 </span>
      <code className="hash">{row.signer.fingerprint}</code>
      <p className={sentence.good ? 'verdict verdict-good' : 'verdict verdict-bad'}>
        {sentence.text}
        {match === 'differs' ? ' The record has changed since this signature.' : ''}
      </p>
      {acknowledgement ? (
        <details className="acknowledged">
          <summary>
            Acknowledged {acknowledgement.items.length} open item
            {acknowledgement.items.length === 1 ? '' : 's'} before signing ({acknowledgement.by},{' '}
            {formatDateTime(acknowledgement.at)})
          </summary>
          <ul className="plain-list compact-list">
            {acknowledgement.items.map((concern) => (
              <li key={concernKey(concern)}>{concernText(concern, null)}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

function SealLine({ signOff }: { signOff: SignOff }) {
  if (!isLegacySignOff(signOff)) return null;
  return (
    <p className="legacy-sign-off">
      <strong>Legacy, unsigned:</strong> “{signOff.by}” ({ROLE_LABELS[signOff.role]}),{' '}
      {formatDateTime(signOff.at)} — a name typed by whoever was at the keyboard, with no signature.
      Record SHA-256 (version 1) <code className="hash">{signOff.digest}</code>
    </p>
  );
}

/** Every round of the record (the record, then each amendment) with who signed it off. */
export function SignOffHistory({
  record,
  signatures,
}: {
  record: DemoRecord;
  signatures: readonly DemoSignature[];
}) {
  const checks = useSignatureChecks(signatures);
  const { demo } = record;
  const latest = signOffRound(demo).amendment;
  const rounds = [
    { amendment: null, title: 'The record', signOff: demo.signOff, detail: '' },
    ...demo.amendments.map((amendment) => ({
      amendment: amendment.number,
      title: `Amendment ${amendment.number}`,
      signOff: amendment.signOff,
      detail: `“${amendment.reason}” — opened by ${amendment.openedBy}, ${formatDateTime(amendment.openedAt)}`,
    })),
  ];
  if (demo.signOff === null && signatures.length === 0) return null;
  return (
    <ol className="sign-off-rounds" aria-label="Sign-offs">
      {rounds.map((round) => {
        const rows = signatures.filter((row) => row.amendment === round.amendment);
        return (
          <li key={round.title}>
            <h3>{round.title}</h3>
            {round.detail ? <p className="muted">{round.detail}</p> : null}
            {round.signOff ? (
              <SealLine signOff={round.signOff} />
            ) : (
              <p className="muted">Not signed off yet.</p>
            )}
            {rows.length > 0 ? (
              <ul className="signatures" aria-label={`Signatures on ${round.title.toLowerCase()}`}>
                {rows.map((row) => (
                  <SignatureLine
                    key={row.id}
                    row={row}
                    check={checks.get(row.id)}
                    record={record}
                    latest={latest}
                  />
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
