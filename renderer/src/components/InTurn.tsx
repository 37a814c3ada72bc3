import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';

/**
 * Turns handed out one per task: each waiting panel is drawn in a task of its own, after the
 * page around it, so a page of several heavy panels (charts) never draws them all in one long
 * task. The next turn is handed on once the panel granted the last one has been drawn (or has
 * gone) and two frames have passed, never before.
 */
const waiting: Array<() => void> = [];
let granting = false;

function grantNext(): void {
  const grant = waiting.shift();
  if (grant) grant();
  else granting = false;
}

/**
 * Runs `then` in a task after two frames: a panel that measures itself once laid out (a chart
 * in a ResizeObserver-driven container) draws for real in the frame after it mounted, and that
 * drawing must not share a task with the next panel's.
 */
function afterNextFrames(then: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(then, 0);
    return;
  }
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(then, 0)));
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
        afterNextFrames(grantNext);
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
