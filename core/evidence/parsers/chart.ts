import type { z } from 'zod';
import type { FiguresTable } from '../../charts/series';
import {
  CHART_FORMAT,
  ChartAnnotation,
  ChartPoint,
  ChartSeries,
  ChartSpec,
  FiguresTable as FiguresTableSchema,
} from '../../charts/series';
import type { ByteChunks } from '../bytes';
import { EvidenceParseError } from '../bytes';
import { SummaryBuilder } from '../builder';
import type { JsonPath } from '../json';
import { readJson } from '../json';
import type { ChartSummary, EvidenceSummary } from '../model';
import { MAX_ITEMS } from '../model';

/**
 * A chart stored as evidence: the data object (`demo-ledger.chart/v1`, core/charts/series.ts)
 * the Telemetry area attaches and exports. Every part is checked against the ChartSpec schema,
 * naming the path of the first problem; points are read one at a time and counted, never held,
 * so a hostile file with millions of points is read in bounded memory.
 */

const SERIES_FIELDS = ['id', 'label', 'colour', 'kind', 'axis', 'unit', 'sourcePoints'] as const;
const SeriesFields = ChartSeries.omit({ points: true });
const FigureRow = FiguresTableSchema.shape.rows.element;

function check<T>(schema: z.ZodType<T>, value: unknown, path: JsonPath): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = [...path, ...(issue?.path ?? [])].map(String).join('.') || '(document)';
  throw new EvidenceParseError(`Not a valid chart: ${where}: ${issue?.message ?? 'invalid'}.`);
}

interface SeriesDraft {
  fields: Record<string, unknown>;
  points: number;
}

export async function parseChart(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('chart', CHART_FORMAT);
  const head: Record<string, unknown> = {};
  const series = new Map<number, SeriesDraft>();
  const figureParts: Record<string, unknown> = {};
  const rows: FiguresTable['rows'] = [];
  let rowCount = 0;
  let ranges = 0;
  let markers = 0;
  await readJson(chunks, {
    paths: [
      ...['format', 'id', 'title', 'description', 'x', 'y'].map((key) => `$.${key}`),
      ...SERIES_FIELDS.map((field) => `$.series.*.${field}`),
      '$.series.*.points.*',
      '$.annotations.*',
      '$.figures.caption',
      '$.figures.columns',
      '$.figures.rows.*',
    ],
    onValue(path, value) {
      const [top, second, third] = path;
      if (top === 'series' && typeof second === 'number') {
        let entry = series.get(second);
        if (entry === undefined) {
          entry = { fields: {}, points: 0 };
          series.set(second, entry);
        }
        if (third === 'points') {
          check(ChartPoint, value, path);
          entry.points += 1;
        } else if (typeof third === 'string') entry.fields[third] = value;
      } else if (top === 'annotations') {
        if (check(ChartAnnotation, value, path).kind === 'range') ranges += 1;
        else markers += 1;
      } else if (top === 'figures' && second === 'rows') {
        const row = check(FigureRow, value, path);
        rowCount += 1;
        if (rows.length < MAX_ITEMS) rows.push(row);
      } else if (top === 'figures' && typeof second === 'string') figureParts[second] = value;
      else if (typeof top === 'string') head[top] = value;
    },
  });
  if (head['format'] !== CHART_FORMAT)
    throw new EvidenceParseError(`Not a valid chart: format: expected "${CHART_FORMAT}".`);
  const shape = ChartSpec.shape;
  const x = check(shape.x, head['x'], ['x']);
  check(shape.y, head['y'], ['y']);
  const chart: ChartSummary = {
    id: check(shape.id, head['id'], ['id']),
    title: check(shape.title, head['title'], ['title']),
    description: check(shape.description, head['description'], ['description']),
    from: x.from,
    to: x.to,
    series: [...series.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, entry]) => {
        const fields = check(SeriesFields, entry.fields, ['series', index]);
        return {
          id: fields.id,
          label: fields.label,
          unit: fields.unit,
          points: entry.points,
          sourcePoints: fields.sourcePoints,
        };
      }),
    ranges,
    markers,
    figures: {
      caption: check(FiguresTableSchema.shape.caption, figureParts['caption'], [
        'figures',
        'caption',
      ]),
      columns: check(FiguresTableSchema.shape.columns, figureParts['columns'], [
        'figures',
        'columns',
      ]),
      rows,
    },
  };
  if (rowCount > rows.length)
    summary.note(`Only the first ${MAX_ITEMS} figure rows are listed; the file holds ${rowCount}.`);
  summary.chart = chart;
  summary.target = chart.id;
  summary.details['series'] = chart.series.length;
  summary.details['points'] = chart.series.reduce((sum, one) => sum + one.points, 0);
  summary.details['highlightedRanges'] = ranges;
  summary.details['markers'] = markers;
  return summary.build();
}
