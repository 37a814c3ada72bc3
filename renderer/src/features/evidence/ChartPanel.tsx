import { useEffect, useState } from 'react';
import { formatPeriod } from '../../../../core/charts/layout';
import { parseChartJson } from '../../../../core/charts/series';
import { chartToSvg } from '../../../../core/charts/svg';
import type { ChartSummary } from '../../../../core/evidence/model';
import type { Evidence } from '../../../../core/model';
import { FiguresTable } from '../../components/FiguresTable';
import { readBlob } from './queries';
import { formatNumber } from '../../lib/format';

/** Charts larger than this are summarised but not drawn here (the file can still be saved). */
const DRAW_LIMIT = 16 * 1024 * 1024;

type Drawing = { kind: 'loading' } | { kind: 'image'; url: string } | { kind: 'none'; why: string };

/**
 * A chart stored as evidence (`demo-ledger.chart/v1`): drawn from its stored data object with the
 * same SVG renderer as exports and reports, shown as an image from a blob: URL (never inlined
 * into the page), then its period, series and the figures behind it.
 */
export function ChartPanel({ evidence, chart }: { evidence: Evidence; chart: ChartSummary }) {
  const [drawing, setDrawing] = useState<Drawing>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    let url: string | null = null;
    void (async () => {
      const blob = await readBlob(evidence.sha256);
      if (!blob) throw new Error('The stored file could not be read.');
      if (blob.size > DRAW_LIMIT) throw new Error('The chart is too large to draw here.');
      const svg = chartToSvg(parseChartJson(await blob.text()), { theme: 'light' });
      if (cancelled) return;
      url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
      setDrawing({ kind: 'image', url });
    })().catch((error: unknown) => {
      if (!cancelled)
        setDrawing({ kind: 'none', why: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      cancelled = true;
      if (url !== null) URL.revokeObjectURL(url);
    };
  }, [evidence.sha256]);

  return (
    <section className="panel" aria-labelledby="chart-heading">
      <h2 id="chart-heading">Chart: {chart.title || chart.id}</h2>
      {drawing.kind === 'image' ? (
        <img
          className="evidence-image evidence-chart"
          src={drawing.url}
          alt={`Chart ${chart.title}: ${chart.description}`}
        />
      ) : null}
      {drawing.kind === 'none' ? <p className="muted">{drawing.why}</p> : null}
      <dl className="facts">
        <dt>Period</dt>
        <dd>{formatPeriod(chart.from, chart.to)}</dd>
        <dt>Series</dt>
        <dd>
          {chart.series
            .map(
              (series) =>
                `${series.label}${series.unit ? ` (${series.unit})` : ''}: ${formatNumber(series.sourcePoints)} points`,
            )
            .join('; ') || '—'}
        </dd>
        {chart.ranges > 0 ? (
          <>
            <dt>Highlighted ranges</dt>
            <dd>{chart.ranges}</dd>
          </>
        ) : null}
        {chart.markers > 0 ? (
          <>
            <dt>Markers</dt>
            <dd>{chart.markers}</dd>
          </>
        ) : null}
      </dl>
      <h3>Figures</h3>
      <FiguresTable figures={chart.figures} />
    </section>
  );
}
