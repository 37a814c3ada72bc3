import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { InTurn } from '../../../renderer/src/components/InTurn';

afterEach(cleanup);

/** A panel that notes, as it is drawn, which panels were drawn before it. */
function Panel({ name, seen }: { name: string; seen: Map<string, string[]> }) {
  useLayoutEffect(() => {
    const drawn = Array.from(document.querySelectorAll('[data-panel]')).map(
      (element) => element.getAttribute('data-panel') ?? '',
    );
    seen.set(name, drawn);
  }, [name, seen]);
  return <p data-panel={name}>{name}</p>;
}

describe('panels drawn in turn', () => {
  it('draws nothing with the page, then one panel at a time in order', async () => {
    const seen = new Map<string, string[]>();
    render(
      <>
        {['first', 'second', 'third'].map((name) => (
          <InTurn key={name} placeholder={<p>waiting {name}</p>}>
            <Panel name={name} seen={seen} />
          </InTurn>
        ))}
      </>,
    );
    expect(screen.getByText('waiting first')).toBeTruthy();
    expect(document.querySelectorAll('[data-panel]')).toHaveLength(0);
    await waitFor(() => expect(screen.getByText('third')).toBeTruthy());
    // Each panel, as it was drawn, found only those before it: never two in one turn.
    expect(seen.get('first')).toEqual(['first']);
    expect(seen.get('second')).toEqual(['first', 'second']);
    expect(seen.get('third')).toEqual(['first', 'second', 'third']);
  });

  it('goes on to the next panel when one waiting or drawn is gone', async () => {
    const seen = new Map<string, string[]>();
    const view = (names: string[]) => (
      <>
        {names.map((name) => (
          <InTurn key={name}>
            <Panel name={name} seen={seen} />
          </InTurn>
        ))}
      </>
    );
    const { rerender } = render(view(['a', 'b', 'c']));
    rerender(view(['a', 'c']));
    await waitFor(() => expect(screen.getByText('c')).toBeTruthy());
    expect(seen.has('b')).toBe(false);
    rerender(view(['d']));
    await waitFor(() => expect(screen.getByText('d')).toBeTruthy());
  });
});
