import type { ChartSpec, FiguresTable } from '../../charts/series';
import type { Chart } from '../model';

/**
 * What a chart shows, as text: the alternate description of its Figure element, which screen
 * readers read instead of the drawing. It says the figures the chart is drawn from, as the
 * screen's Figures table does.
 */

/** Readers handle strings up to 32,767 bytes; UTF-16 text this long stays well inside. */
const MAX_ALT_LENGTH = 4000;

const KIND_LABELS: Readonly<Record<Chart['kind'], string>> = {
  bar: 'bar chart',
  'stacked-bar': 'stacked bar chart',
  line: 'line chart',
};

/** A figure as the report prints it: numbers with thousands separators. */
export function figureText(value: string | number | undefined): string {
  return typeof value === 'number' ? value.toLocaleString('en') : (value ?? '');
}

function number(value: number): string {
  return value.toLocaleString('en', { maximumFractionDigits: 2 });
}

/** Sentences joined until the text is full; the rest is counted, not silently dropped. */
function joined(
  head: string,
  items: readonly string[],
  [one, many]: readonly [string, string],
): string {
  let text = head;
  for (const [index, item] of items.entries()) {
    if (text.length + item.length + 2 > MAX_ALT_LENGTH) {
      const left = items.length - index;
      return `${text} … and ${left} more ${left === 1 ? one : many}.`;
    }
    text += ` ${item}`;
  }
  return text;
}

/** A report chart (categories × series): every value, by category. */
export function chartAltText(chart: Chart): string {
  const head = `${chart.title}${chart.unit ? ` (${chart.unit})` : ''}, ${KIND_LABELS[chart.kind]}.`;
  const categories = chart.categories.map(
    (category, index) =>
      `${category}: ${chart.series
        .map((series) => `${series.name} ${number(series.values[index] ?? 0)}`)
        .join(', ')}.`,
  );
  return joined(head, categories, ['category', 'categories']);
}

function rowText(table: FiguresTable, row: FiguresTable['rows'][number]): string {
  const [first, ...rest] = table.columns;
  if (first === undefined) return '';
  const name = figureText(row[first.key]);
  const values = rest.map((column) =>
    rest.length === 1
      ? figureText(row[column.key])
      : `${column.label} ${figureText(row[column.key])}`,
  );
  return `${name}: ${values.join(', ')}.`;
}

/** A telemetry chart: its title, description, and its figures table row by row. */
export function chartSpecAltText(spec: ChartSpec): string {
  const head = [spec.title || 'Chart', spec.description]
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (/[.!?]$/.test(part) ? part : `${part}.`))
    .join(' ');
  const { figures } = spec;
  if (figures.columns.length === 0 || figures.rows.length === 0) return head;
  const caption = figures.caption.trim() || 'Figures';
  return joined(
    `${head} ${caption}:`,
    figures.rows.map((row) => rowText(figures, row)),
    ['row', 'rows'],
  );
}
