import type { DemoRecord } from '../../../../../core/demo/digest';
import type { AgendaItem } from '../../../../../core/model';
import type { Command } from '../../../app/commands/registry';
import { formatDate } from '../../../lib/format';
import { LinkList } from '../LinkList';
import { Clock } from './Clock';
import { Shortcut } from '../Shortcut';

/** The current agenda item, large enough to read across a meeting room. */
export function ItemView({
  item,
  index,
  count,
}: {
  item: AgendaItem;
  index: number;
  count: number;
}) {
  return (
    <article className="presenter-item" aria-labelledby="presenter-item-title">
      <p className="presenter-eyebrow">
        <span>
          Item {index + 1} of {count}
        </span>
        {item.key ? <span className="item-key">{item.key}</span> : null}
        {item.owner ? <span>Owner: {item.owner}</span> : null}
      </p>
      <h1 id="presenter-item-title" className="presenter-item-title">
        {item.title}
      </h1>
      {item.description ? <p className="presenter-description">{item.description}</p> : null}
      <LinkList links={item.links} label="Links" focusable={false} />
    </article>
  );
}

/**
 * One segment per agenda item: the current one, those whose linked controls all have a
 * verdict, and the rest.
 */
export function ProgressBar({
  record,
  index,
  onGo,
}: {
  record: DemoRecord;
  index: number;
  onGo: (index: number) => void;
}) {
  const judged = (item: AgendaItem): boolean =>
    item.controls.length > 0 &&
    item.controls.every((control) =>
      record.verdicts.some((verdict) => verdict.itemId === item.id && verdict.control === control),
    );
  const done = record.items.filter(judged).length;
  return (
    <nav className="presenter-progress" aria-label="Agenda progress">
      <ol className="progress-segments">
        {record.items.map((item, position) => {
          const state =
            position === index
              ? 'current'
              : judged(item)
                ? 'judged'
                : position < index
                  ? 'seen'
                  : 'ahead';
          return (
            <li key={item.id}>
              <button
                type="button"
                tabIndex={-1}
                className={`progress-segment ${state}`}
                aria-current={position === index ? 'step' : undefined}
                aria-label={`Item ${position + 1}: ${item.title}${judged(item) ? ', all controls judged' : ''}`}
                onClick={() => onGo(position)}
              />
            </li>
          );
        })}
      </ol>
      <span className="progress-label">
        {record.items.length === 0 ? 'No items' : `${index + 1} / ${record.items.length}`} · {done}{' '}
        judged
      </span>
    </nav>
  );
}

/** The presenter's shortcuts, always on screen, from the same commands the keys run. */
export function ShortcutBar({ commands }: { commands: readonly Command[] }) {
  const shown = commands.filter((command) => command.shortcut && !command.hidden);
  return (
    <section className="presenter-keys" aria-label="Presenter shortcuts">
      <ul>
        {shown.map((command) => (
          <li key={command.id}>
            <Shortcut keys={command.shortcut ?? ''} /> {SHORT_TITLES[command.id] ?? command.title}
          </li>
        ))}
      </ul>
    </section>
  );
}

const SHORT_TITLES: Readonly<Record<string, string>> = {
  'presenter.next': 'next',
  'presenter.previous': 'previous',
  'presenter.control.next': 'next control',
  'presenter.control.previous': 'previous control',
  'presenter.review': 'review',
  'presenter.exit': 'leave',
  'presenter.observation': 'observation',
  'presenter.question': 'question',
  'presenter.verdict.satisfied': 'satisfied',
  'presenter.verdict.not-satisfied': 'not satisfied',
  'presenter.verdict.not-applicable': 'n/a',
  'presenter.verdict.exception': 'exception',
  'presenter.issue': 'raise issue',
  'presenter.evidence': 'evidence',
  'presenter.link': 'link control',
  'presenter.attendance': 'attendance',
};

/** The meeting at a glance: the demo, progress through the agenda, attendance, the clock. */
export function PresenterHeader({
  record,
  index,
  editable,
  onGo,
  onAttendance,
}: {
  record: DemoRecord;
  index: number;
  editable: boolean;
  onGo: (index: number) => void;
  onAttendance: () => void;
}) {
  const { demo } = record;
  return (
    <header className="presenter-bar">
      <div className="presenter-title">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        <span>{demo.title}</span>
        <span className="muted">{formatDate(demo.date)}</span>
      </div>
      <ProgressBar record={record} index={index} onGo={onGo} />
      <button type="button" className="presenter-attendance" onClick={onAttendance}>
        {demo.attendees.filter((attendee) => attendee.present).length}/{demo.attendees.length}{' '}
        present
      </button>
      <Clock startedAt={demo.startedAt} endedAt={editable ? null : (demo.signOff?.at ?? null)} />
    </header>
  );
}
