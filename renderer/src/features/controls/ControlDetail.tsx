import { Link } from 'wouter';
import type { CatalogControl } from '../../../../core/catalog/model';
import { statementLines } from '../../../../core/catalog/text';
import { useControlLibrary } from './library';
import { browsePath, controlPath } from './paths';
import { ScopingPanel } from './ScopingPanel';

/** One control: statement, guidance, enhancements, related controls, mappings and scoping. */
export function ControlDetail({ reference }: { reference: string }) {
  const { library, isLoading, error } = useControlLibrary();
  if (error) return <p className="form-error">Catalogs could not be loaded: {error.message}</p>;
  if (!library) return <p className="muted">{isLoading ? 'Loading catalogs…' : ''}</p>;
  const resolved = library.get(reference);
  if (!resolved)
    return (
      <section className="panel">
        <h2>Control not found</h2>
        <p>No loaded catalog has the control {reference}.</p>
      </section>
    );
  const { catalog, control } = resolved;
  const group = library.groupOf(reference);
  const profiles = library.profilesOf(reference);
  const enhancements = library.enhancements(reference);
  const also = library.alsoSatisfies(reference);
  const lines = statementLines(control);
  const refOf = (id: string): string => `${catalog.id}#${id}`;
  const name = (ref: string): string => {
    const summary = library.describe(ref);
    return summary ? `${summary.label} ${summary.title}` : ref;
  };
  return (
    <article className="control-detail" aria-labelledby="control-heading">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href={`~${browsePath(catalog.id)}`}>{catalog.shortTitle ?? catalog.title}</Link>
        {group ? (
          <>
            {' › '}
            <Link href={`~${browsePath(catalog.id, group.id)}`}>{group.title}</Link>
          </>
        ) : null}
        {control.parentId ? (
          <>
            {' › '}
            <Link href={`~${controlPath(refOf(control.parentId))}`}>
              {name(refOf(control.parentId))}
            </Link>
          </>
        ) : null}
      </nav>
      <header className="control-header">
        <h2 id="control-heading">
          <span className="control-label">{control.label ?? control.id}</span> {control.title}
        </h2>
        <p className="muted">
          {catalog.shortTitle ?? catalog.title} {catalog.version} · <code>{reference}</code>
          {control.level !== undefined ? ` · Level ${control.level}` : ''}
        </p>
        {profiles.length > 0 ? (
          <ul className="badges" aria-label="Baselines and levels">
            {profiles.map((profile) => (
              <li key={profile.id} className="badge">
                {profile.title}
              </li>
            ))}
          </ul>
        ) : null}
      </header>
      <div className="control-columns">
        <div className="control-body">
          {control.withdrawn ? (
            <p className="notice-inline">
              Withdrawn.
              {control.replacedBy && control.replacedBy.length > 0 ? ' Now part of ' : ''}
              {(control.replacedBy ?? []).map((id, index) => (
                <span key={id}>
                  {index > 0 ? ', ' : ''}
                  <Link href={`~${controlPath(refOf(id))}`}>{name(refOf(id))}</Link>
                </span>
              ))}
            </p>
          ) : null}
          <section aria-labelledby="statement-heading">
            <h3 id="statement-heading">Statement</h3>
            {lines.length === 0 ? (
              <p className="muted">
                This catalog ships without the statement text. Import the official text you licence
                to see it here.
              </p>
            ) : (
              <ol className="statement">
                {lines.map((line, index) => (
                  <li key={index} style={{ marginLeft: `${line.depth * 1.25}rem` }}>
                    {line.label ? <span className="statement-label">{line.label}</span> : null}{' '}
                    {line.text}
                  </li>
                ))}
              </ol>
            )}
          </section>
          {control.guidance ? (
            <section aria-labelledby="guidance-heading">
              <h3 id="guidance-heading">Guidance</h3>
              {control.guidance.split(/\n{2,}/).map((paragraph, index) => (
                <p key={index}>{paragraph}</p>
              ))}
            </section>
          ) : null}
          <RefList
            title="Enhancements"
            refs={enhancements.map((child: CatalogControl) => refOf(child.id))}
            name={name}
          />
          <RefList
            title="Also satisfies"
            refs={also}
            name={name}
            missing={(ref) => !library.has(ref)}
          />
          <RefList title="Related controls" refs={(control.related ?? []).map(refOf)} name={name} />
          {control.evidence && control.evidence.length > 0 ? (
            <section aria-labelledby="evidence-heading">
              <h3 id="evidence-heading">Evidence that can demonstrate it</h3>
              <ul className="badges">
                {control.evidence.map((format) => (
                  <li key={format} className="badge">
                    {format}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <ScopingPanel reference={reference} />
      </div>
    </article>
  );
}

function RefList({
  title,
  refs,
  name,
  missing = () => false,
}: {
  title: string;
  refs: readonly string[];
  name: (ref: string) => string;
  missing?: (ref: string) => boolean;
}) {
  if (refs.length === 0) return null;
  const id = `${title.toLowerCase().replace(/\s+/g, '-')}-heading`;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <ul className="control-list" aria-label={title}>
        {refs.map((ref) => (
          <li key={ref}>
            {missing(ref) ? (
              <span className="muted">{ref} (not loaded)</span>
            ) : (
              <Link href={`~${controlPath(ref)}`}>{name(ref)}</Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
