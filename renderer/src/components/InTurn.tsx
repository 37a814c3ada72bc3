import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';

/**
 * Turns handed out one per task: each waiting panel is drawn in a task of its own, after the
 * page around it, so a page of several heavy panels (charts) never draws them all in one long
 * task. The next turn is handed on once the panel granted the last one has been drawn (or has
 * gone), never before.
 */
const waiting: Array<() => void> = [];
let granting = false;

function grantNext(): void {
  const grant = waiting.shift();
  if (grant) grant();
  else granting = false;
}

function wait(grant: () => void): () => void {
  waiting.push(grant);
  if (!granting) {
    granting = true;
    setTimeout(grantNext, 0);
  }
  return () => {
    const at = waiting.indexOf(grant);
    if (at >= 0) waiting.splice(at, 1);
  };
}

/** Draws `children` when its turn comes, `placeholder` until then. */
export function InTurn({
  children,
  placeholder = null,
}: {
  children: ReactNode;
  placeholder?: ReactNode;
}) {
  const [ready, setReady] = useState(false);
  // Hands the turn on, once, after this panel was drawn or unmounted.
  const handOn = useRef<(() => void) | null>(null);
  useEffect(() => {
    if (ready) return;
    return wait(() => {
      let done = false;
      handOn.current = () => {
        if (done) return;
        done = true;
        setTimeout(grantNext, 0);
      };
      setReady(true);
    });
  }, [ready]);
  useEffect(() => {
    if (ready) handOn.current?.();
  }, [ready]);
  useEffect(() => () => handOn.current?.(), []);
  return ready ? children : placeholder;
}
