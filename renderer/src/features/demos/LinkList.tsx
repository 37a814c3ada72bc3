import { getApi } from '../../app/api';
import { notifyError } from '../../app/notifications';

/**
 * An item's links as text buttons that open in the system browser (through the host, which
 * accepts http(s) only); never as anchors the page would follow.
 */
export function LinkList({
  links,
  label,
  focusable = true,
}: {
  links: readonly string[];
  label: string;
  focusable?: boolean;
}) {
  if (links.length === 0) return null;
  return (
    <ul className="link-list" aria-label={label}>
      {links.map((link) => (
        <li key={link}>
          <button
            type="button"
            className="link-button"
            tabIndex={focusable ? undefined : -1}
            onClick={() =>
              void getApi()
                .shellOpenExternal({ url: link })
                .catch((error: unknown) => notifyError(error))
            }
          >
            {link}
          </button>
        </li>
      ))}
    </ul>
  );
}
