import { useState } from 'react';
import type { ConnectionTest } from '../../../../core/locker/app';
import { getApi } from '../../app/api';
import { describeError } from '../../app/notifications';
import { FormError } from '../../components/FormFooter';

const MARK = { true: '✓', false: '✗', null: '–' } as const;

/** Tests the connection and names each thing the locker lacks: Object Lock, retention, rights. */
export function TestPanel() {
  const [result, setResult] = useState<ConnectionTest | null>(null);
  const [testing, setTesting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const failed = result?.checks.filter((check) => check.ok === false) ?? [];
  return (
    <section className="panel" aria-labelledby="locker-test-heading">
      <div className="panel-header">
        <h2 id="locker-test-heading">Connection test</h2>
        <button
          type="button"
          className="button"
          disabled={testing}
          onClick={() => {
            setTesting(true);
            setError(null);
            setResult(null);
            getApi()
              .lockerTest()
              .then(setResult, (failure: unknown) => setError(describeError(failure)))
              .finally(() => setTesting(false));
          }}
        >
          {testing ? 'Testing…' : 'Test the connection'}
        </button>
      </div>
      <p className="muted">
        Reads the bucket’s settings and the locker policy, lists, and starts an upload it aborts:
        nothing is stored.
      </p>
      <FormError message={error} />
      {result ? (
        <>
          <p className={`verdict ${result.ok ? 'verdict-good' : 'verdict-bad'}`} role="status">
            {result.ok
              ? `Ready: ${result.where} is a team locker these credentials can publish to and read from.`
              : `Not ready: ${failed.map((check) => check.label).join(', ')}.`}
          </p>
          <table className="table" aria-label="Connection checks">
            <thead>
              <tr>
                <th scope="col">Check</th>
                <th scope="col">Result</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {result.checks.map((check) => (
                <tr key={check.id}>
                  <th scope="row">{check.label}</th>
                  <td>
                    <span aria-hidden="true">{MARK[String(check.ok) as keyof typeof MARK]} </span>
                    {check.ok === null ? 'Not checked' : check.ok ? 'Yes' : 'Missing'}
                  </td>
                  <td>{check.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
