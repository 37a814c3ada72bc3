import { useEffect, useState } from 'react';
import type { ControlRef } from '../../../../core/model';
import { parseControlRef } from '../../../../core/model';
import { useDemoSlots } from './slots';

/** Titles for a set of control references, from the control-search slot (empty without one). */
export function useControlTitles(refs: readonly ControlRef[]): ReadonlyMap<ControlRef, string> {
  const { controls } = useDemoSlots();
  const [titles, setTitles] = useState<ReadonlyMap<ControlRef, string>>(new Map());
  const joined = refs.join('\n');
  useEffect(() => {
    let cancelled = false;
    const wanted = joined === '' ? [] : joined.split('\n');
    controls.titles(wanted).then(
      (found) => {
        if (!cancelled) setTitles(found);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [controls, joined]);
  return titles;
}

/** A control shown as its catalog and id, with its title when a catalog knows it. */
export function ControlLabel({
  control,
  title,
}: {
  control: ControlRef;
  title?: string | undefined;
}) {
  const { catalogId, controlId } = parseControlRef(control);
  return (
    <span className="demo-control-label">
      <span className="control-id">{controlId}</span>
      <span className="control-catalog">{catalogId}</span>
      {title ? <span className="control-title">{title}</span> : null}
    </span>
  );
}
