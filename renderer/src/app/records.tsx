import { Link } from 'wouter';
import { db } from '../db';
import { useQuery } from '../lib/useQuery';

/** Records other records point at by kind and id: an evidence link's target, an issue's source. */
export type RecordKind = 'demo-item' | 'evidence' | 'telemetry-alert' | 'post-mortem';

export interface ResolvedRecord {
  /** What a person calls it: a file name, an agenda item under its demo, an alert rule. */
  label: string;
  /** Where it is shown in the app. */
  href: string;
}

function isRecordKind(kind: string): kind is RecordKind {
  return ['demo-item', 'evidence', 'telemetry-alert', 'post-mortem'].includes(kind);
}

/** The record's name and place, or null when it is no longer stored. */
export async function resolveRecord(kind: RecordKind, id: string): Promise<ResolvedRecord | null> {
  switch (kind) {
    case 'demo-item': {
      const item = await db.demoItems.get(id);
      const demo = item ? await db.demos.get(item.demoId) : undefined;
      if (!item || !demo) return null;
      const title = item.key ? `${item.key} ${item.title}` : item.title;
      return { label: `${demo.title}: ${title}`, href: `~/demos/${demo.id}` };
    }
    case 'evidence': {
      const evidence = await db.evidence.get(id);
      return evidence ? { label: evidence.fileName, href: `~/evidence/${evidence.id}` } : null;
    }
    case 'telemetry-alert': {
      const alert = await db.telemetryAlerts.get(id);
      return alert
        ? { label: `${alert.ruleName} in ${alert.fileName}`, href: '~/telemetry' }
        : null;
    }
    case 'post-mortem': {
      const postMortem = await db.postMortems.get(id);
      return postMortem ? { label: postMortem.title, href: '~/postmortems' } : null;
    }
  }
}

/**
 * A link to a record by its name. A kind this map does not know is shown as `kind: id`; a
 * record that was deleted shows its id marked deleted instead of a dead link.
 */
export function RecordRef({ kind, id }: { kind: string; id: string }) {
  const known = isRecordKind(kind);
  const record = useQuery(() => (known ? resolveRecord(kind, id) : null), [known, kind, id]);
  if (!known) {
    return (
      <span>
        {kind}: <code>{id}</code>
      </span>
    );
  }
  if (record.data === undefined) return <span className="muted">…</span>;
  if (record.data === null) {
    return (
      <span className="muted">
        <code>{id}</code> (deleted)
      </span>
    );
  }
  return <Link href={record.data.href}>{record.data.label}</Link>;
}
