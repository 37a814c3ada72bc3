import { useId, useMemo, useRef } from 'react';
import { useRegisterCommands } from '../../app/commands/registry';
import { BundleList } from './BundleList';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { LockerBundlesPanel } from '../locker/LockerBundlesPanel';
import './bundles.css';
import { offered } from '../../app/commands/offered';

/** Settings → Audit bundles: export a slice for offline review, import or merge one back. */
export function BundlesPage() {
  const importId = useId();
  const check = useRef<((file: File) => void) | null>(null);
  const commands = useMemo(
    () => [{ ...offered('bundle.import'), run: () => document.getElementById(importId)?.click() }],
    [importId],
  );
  useRegisterCommands(commands);
  return (
    <div className="page">
      <header className="page-header">
        <h1>Audit bundles</h1>
        <p className="lead">
          Take a sprint, a demo or a period to an auditor who works offline: signed, checked in full
          on arrival, reviewed and co-signed, and merged back without overwriting anything.
        </p>
      </header>
      <ExportPanel />
      <LockerBundlesPanel
        kind="audit"
        onPulled={(file) => {
          check.current?.(file);
          document.getElementById(importId)?.scrollIntoView({ block: 'center' });
        }}
      />
      <ImportPanel inputId={importId} checkRef={check} />
      <BundleList />
    </div>
  );
}
