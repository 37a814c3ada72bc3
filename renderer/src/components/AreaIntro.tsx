import type { Area } from '../app/areas';

/** The page of an area that is not built yet: what it is for and what it will hold. */
export function AreaIntro({ area }: { area: Area }) {
  return (
    <div className="page">
      <header className="page-header">
        <h1>{area.label}</h1>
        <p className="lead">{area.summary}</p>
      </header>
      {area.coming ? (
        <section className="panel" aria-labelledby={`${area.id}-coming`}>
          <h2 id={`${area.id}-coming`}>What this area will hold</h2>
          <ul className="plain-list">
            {area.coming.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
