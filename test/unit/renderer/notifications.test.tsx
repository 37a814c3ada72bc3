import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  dismiss,
  Notifications,
  notify,
  useNotificationHost,
} from '../../../renderer/src/app/notifications';

afterEach(cleanup);

function clearAll(ids: number[]): void {
  act(() => {
    for (const id of ids) dismiss(id);
  });
}

/** A full-window view giving notices a place in its own layout. */
function Host() {
  const ref = useNotificationHost();
  return (
    <section aria-label="Full window">
      <textarea aria-label="Composer" />
      <div ref={ref} data-testid="host" />
    </section>
  );
}

describe('notifications', () => {
  it('shows the latest two, each a live region, and says how many earlier ones are not shown', () => {
    render(<Notifications />);
    const ids: number[] = [];
    act(() => {
      ids.push(notify('error', 'First failed'));
      ids.push(notify('success', 'Second saved'));
      ids.push(notify('info', 'Third noted'));
    });
    const region = screen.getByRole('region', { name: 'Notifications' });
    expect(region.querySelectorAll('.notice')).toHaveLength(2);
    expect(
      within(region)
        .getAllByRole('status')
        .map((n) => n.textContent),
    ).toEqual(['Second saved×', 'Third noted×']);
    expect(region.textContent).toContain('1 earlier notice not shown');
    expect(within(region).queryByText('First failed')).toBeNull();
    // Dismissing one brings the earlier error back into view: errors stay until dismissed.
    act(() => dismiss(ids[2] ?? 0));
    expect(within(region).getByRole('alert').textContent).toContain('First failed');
    clearAll(ids);
  });

  it('are shown inside a view that hosts them, after its content, and back in the shell once it closes', () => {
    const shell = render(<Notifications />);
    const view = render(<Host />);
    const ids: number[] = [];
    act(() => {
      ids.push(notify('info', 'Attached to PAY-1'));
    });
    const host = screen.getByTestId('host');
    expect(within(host).getByRole('status').textContent).toContain('Attached to PAY-1');
    const composer = screen.getByLabelText('Composer');
    // The notice follows the composer in document (and Tab) order.
    expect(composer.compareDocumentPosition(host) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    view.unmount();
    expect(within(shell.container).getByRole('status').textContent).toContain('Attached to PAY-1');
    clearAll(ids);
  });
});
