import { Link } from 'wouter';
import type { Catalog, CatalogGroup } from '../../../../core/catalog/model';
import { countCatalog } from '../../../../core/catalog/model';
import { SHIPPED_FRAMEWORKS, useControlLibrary } from './library';
import { browsePath, controlPath } from './paths';
import { counted } from '../../lib/format';

interface FrameworkBrowserProps {
  catalogId: string | undefined;
  groupId: string | undefined;
}

/** Frameworks on the left, the chosen one's families, and the controls of the chosen family. */
export function FrameworkBrowser({ catalogId, groupId }: FrameworkBrowserProps) {
  const { library, isLoading, error } = useControlLibrary();
  const catalogs = library?.catalogs ?? [];
  const selected = library?.catalog(catalogId ?? catalogs[0]?.id ?? '');
  return (
    <div className="controls-layout">
      <nav className="framework-nav panel" aria-label="Frameworks">
        <h2>Frameworks</h2>
        <ul className="plain-list">
          {(library ? catalogs : SHIPPED_FRAMEWORKS).map((catalog) => (
            <li key={catalog.id}>
              <Link
                href={`~${browsePath(catalog.id)}`}
                className={catalog.id === selected?.id ? 'framework-link active' : 'framework-link'}
                aria-current={catalog.id === selected?.id ? 'page' : undefined}
              >
                {catalog.shortTitle ?? catalog.title}
                <span className="muted"> {catalog.version}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section className="panel framework-main" aria-live="polite">
        {error ? <p className="form-error">Catalogs could not be loaded: {error.message}</p> : null}
        {isLoading && !library ? <p className="muted">Loading catalogs…</p> : null}
        {selected ? <CatalogView catalog={selected} groupId={groupId} /> : null}
      </section>
    </div>
  );
}

function CatalogView({ catalog, groupId }: { catalog: Catalog; groupId: string | undefined }) {
  const { library } = useControlLibrary();
  const group = catalog.groups.find((entry) => entry.id === groupId);
  const counts = countCatalog(catalog);
  const topGroups = catalog.groups.filter((entry) => entry.parentId === null);
  const subgroups = (parent: CatalogGroup) =>
    catalog.groups.filter((entry) => entry.parentId === parent.id);
  const controls = group && library ? library.controlsOf(catalog.id, group.id) : [];
  return (
    <>
      <h2>{catalog.title}</h2>
      <p className="muted">
        Version {catalog.version} · {counted(counts.groups, 'group')} ·{' '}
        {counted(counts.controls, 'control')}
        {counts.enhancements > 0 ? ` · ${counted(counts.enhancements, 'enhancement')}` : ''}
        {counts.withdrawn > 0 ? ` (${counts.withdrawn} withdrawn)` : ''}
      </p>
      <div className="catalog-columns">
        <nav aria-label={`${catalog.shortTitle ?? catalog.title} families`} className="family-nav">
          <ul className="plain-list">
            {topGroups.map((top) => (
              <li key={top.id}>
                <GroupLink catalogId={catalog.id} group={top} active={top.id === groupId} />
                {subgroups(top).length > 0 ? (
                  <ul className="plain-list nested">
                    {subgroups(top).map((child) => (
                      <li key={child.id}>
                        <GroupLink
                          catalogId={catalog.id}
                          group={child}
                          active={child.id === groupId}
                        />
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </nav>
        <div className="family-controls">
          {group ? (
            <>
              <h3>{group.title}</h3>
              <ul className="control-list" aria-label={`Controls in ${group.title}`}>
                {controls.map((control) => (
                  <li key={control.id} className={control.parentId ? 'enhancement' : undefined}>
                    <Link href={`~${controlPath(`${catalog.id}#${control.id}`)}`}>
                      <span className="control-label">{control.label ?? control.id}</span>{' '}
                      {control.title}
                    </Link>
                    {control.withdrawn ? <span className="badge">withdrawn</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <CatalogAbout catalog={catalog} />
          )}
        </div>
      </div>
    </>
  );
}

function GroupLink({
  catalogId,
  group,
  active,
}: {
  catalogId: string;
  group: CatalogGroup;
  active: boolean;
}) {
  return (
    <Link
      href={`~${browsePath(catalogId, group.id)}`}
      className={active ? 'family-link active' : 'family-link'}
      aria-current={active ? 'page' : undefined}
    >
      {group.label && group.label !== group.title ? (
        <span className="control-label">{group.label}</span>
      ) : null}{' '}
      {group.title}
    </Link>
  );
}

function CatalogAbout({ catalog }: { catalog: Catalog }) {
  return (
    <div className="catalog-about">
      {catalog.description ? <p>{catalog.description}</p> : null}
      <dl className="facts">
        <div>
          <dt>Licence</dt>
          <dd>{catalog.licence.name}</dd>
        </div>
        {catalog.licence.attribution ? (
          <div>
            <dt>Attribution</dt>
            <dd>{catalog.licence.attribution}</dd>
          </div>
        ) : null}
        {catalog.profiles.length > 0 ? (
          <div>
            <dt>Baselines and levels</dt>
            <dd>
              {catalog.profiles
                .map((profile) => `${profile.title} (${profile.controlIds.length})`)
                .join(' · ')}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Sources</dt>
          <dd>
            <ul className="plain-list">
              {catalog.sources.map((source, index) => (
                <li key={index}>
                  {source.name}
                  {source.repository ? ` — ${source.repository}` : ''}
                  {source.commit ? ` @ ${source.commit.slice(0, 12)}` : ''}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      <p className="muted">Choose a family to list its controls.</p>
    </div>
  );
}
