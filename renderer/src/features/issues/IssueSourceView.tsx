import type { IssueSource } from '../../../../core/model';
import { RecordRef } from '../../app/records';

/** Where an issue was raised from, naming the record (and linking to it) rather than its id. */
export function IssueSourceView({ source }: { source: IssueSource }) {
  switch (source.kind) {
    case 'manual':
      return <>Raised by hand</>;
    case 'demo-item':
      return (
        <>
          Demo item <RecordRef kind="demo-item" id={source.demoItemId} />
        </>
      );
    case 'evidence-finding':
      return (
        <>
          Finding {source.ruleId ? <code>{source.ruleId}</code> : null} in evidence{' '}
          <RecordRef kind="evidence" id={source.evidenceId} />
        </>
      );
    case 'control-verdict':
      return (
        <>
          Failed verdict on <code>{source.controlRef}</code>
        </>
      );
    case 'telemetry-alert':
      return (
        <>
          Telemetry alert <RecordRef kind="telemetry-alert" id={source.alertId} />
        </>
      );
    case 'post-mortem-action':
      return (
        <>
          Action from the post-mortem <RecordRef kind="post-mortem" id={source.postMortemId} />
        </>
      );
    case 'tracker-import':
      return <>Imported from Jira ({source.key})</>;
  }
}
