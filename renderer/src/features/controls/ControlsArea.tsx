import { Suspense, lazy } from 'react';

// The Controls area (OSCAL validator, CSV and JSON parsers, search engine) loads when first
// opened, so none of it weighs on app start.
const ControlsPage = lazy(() =>
  import('./ControlsPage').then((module) => ({ default: module.ControlsPage })),
);

export function ControlsArea() {
  return (
    <Suspense fallback={<p className="muted page">Loading controls…</p>}>
      <ControlsPage />
    </Suspense>
  );
}
