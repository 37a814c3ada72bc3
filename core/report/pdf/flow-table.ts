import type { Column, Rgb } from '../layout';
import { rgb } from '../layout';
import type { Flow, TableRow } from './flow';
import type { ReportFont } from './fonts';

/**
 * A table in the flow: a header row, then rows that never split across pages; on each new page
 * the header is drawn again under "<label> (continued)". Tagged as Table, THead and TBody with
 * TR, TH (scope Column) and TD; the header drawn again on later pages is a pagination artifact,
 * so a screen reader meets the header cells once, where the structure says the table starts.
 */

const MAX_CELL_LINES = 24;
const PAD = 3;

interface Geometry {
  columns: readonly Column[];
  xs: number[];
  widths: number[];
}

function cellText(
  flow: Flow,
  { columns, xs, widths }: Geometry,
  index: number,
  line: string,
  top: number,
  font: ReportFont,
  size: number,
  tone: Rgb,
): void {
  const width = widths[index] ?? 0;
  const offset =
    columns[index]?.align === 'right' ? width - PAD - font.width(line.trimEnd(), size) : PAD;
  flow.current.canvas.text(line, (xs[index] ?? 0) + offset, top, font, size, tone);
}

export function drawTable(
  flow: Flow,
  columns: readonly Column[],
  rows: Iterable<TableRow>,
  label: string,
): void {
  const { layout } = flow;
  const size = layout.type.table;
  const compact = layout.type.compact;
  const total = columns.reduce((sum, column) => sum + column.width, 0);
  const widths = columns.map((column) => (column.width / total) * flow.width);
  const xs = widths.map(
    (_, index) => flow.left + widths.slice(0, index).reduce((a, b) => a + b, 0),
  );
  const geometry: Geometry = { columns, xs, widths };
  const headerFill = rgb(layout.colours.headerFill);
  const headerText = rgb(layout.colours.headerText);
  const stripe = rgb(layout.colours.stripe);
  const headerLines = columns.map((column, index) =>
    flow.wrap(column.header, flow.fonts.bold, size, (widths[index] ?? 0) - 2 * PAD),
  );
  const headerHeight =
    Math.max(...headerLines.map((lines) => lines.length)) * flow.lineHeight(size) + 2 * PAD;
  const headerCell = (index: number): void => {
    headerLines[index]?.forEach((line, lineIndex) => {
      cellText(
        flow,
        geometry,
        index,
        line,
        flow.cursor + PAD + lineIndex * flow.lineHeight(size),
        flow.fonts.bold,
        size,
        headerText,
      );
    });
  };
  const drawHeader = (tagged: boolean): void => {
    flow.current.canvas.rect(flow.left, flow.cursor, flow.width, headerHeight, headerFill);
    if (tagged)
      flow.group('THead', () =>
        flow.group('TR', () =>
          columns.forEach((_, index) =>
            flow.tagged('TH', () => headerCell(index), { scope: 'Column' }),
          ),
        ),
      );
    else columns.forEach((_, index) => headerCell(index));
    flow.space(headerHeight);
  };

  let body: ((draw: () => void) => void) | undefined;
  let striped = false;
  for (const row of rows) {
    flow.countRow();
    const cellLines = columns.map((column, index) => {
      const cellSize = column.compact ? compact : size;
      const lines = flow.wrap(
        row.cells[index] ?? '',
        flow.fonts.regular,
        cellSize,
        (widths[index] ?? 0) - 2 * PAD,
      );
      return lines.length > MAX_CELL_LINES ? [...lines.slice(0, MAX_CELL_LINES - 1), '…'] : lines;
    });
    const rowHeight =
      Math.max(
        1,
        ...cellLines.map(
          (lines, index) =>
            lines.length * flow.lineHeight(columns[index]?.compact ? compact : size),
        ),
      ) +
      2 * PAD;
    if (body === undefined) {
      flow.ensure(headerHeight + rowHeight);
      body = openTable(flow, () => drawHeader(true));
      striped = false;
    } else if (flow.cursor + rowHeight > flow.bottom) {
      flow.ensure(headerHeight + rowHeight);
      flow.artifact(() => {
        if (label !== '') continuation(flow, label);
        drawHeader(false);
      });
      striped = false;
    }
    if (striped) flow.current.canvas.rect(flow.left, flow.cursor, flow.width, rowHeight, stripe);
    striped = !striped;
    body(() =>
      flow.group('TR', () =>
        cellLines.forEach((lines, index) => {
          const column = columns[index];
          const cellSize = column?.compact ? compact : size;
          const tone = row.tones?.[index] ?? flow.text;
          // Compact cells are centred on the first line of normal text so digests line up.
          const offset = column?.compact
            ? (flow.lineHeight(size) - flow.lineHeight(cellSize)) / 2
            : 0;
          flow.tagged('TD', () =>
            lines.forEach((line, lineIndex) => {
              cellText(
                flow,
                geometry,
                index,
                line,
                flow.cursor + PAD + offset + lineIndex * flow.lineHeight(cellSize),
                flow.fonts.regular,
                cellSize,
                tone,
              );
            }),
          );
        }),
      ),
    );
    flow.space(rowHeight);
  }
  if (body === undefined) flow.paragraph('None recorded.', { colour: flow.muted });
  else {
    flow.current.canvas.line(
      flow.left,
      flow.cursor,
      flow.left + flow.width,
      flow.cursor,
      flow.rule,
    );
    flow.space(layout.type.body);
  }
}

/**
 * Rows per TBody: a long table is split into several bodies, so no element lists more children
 * than the 8,191 array elements older readers handle.
 */
const ROWS_PER_BODY = 4000;

/**
 * Opens the Table element with its header; returns a function that draws a row into its TBody
 * (rows arrive one at a time from an iterator, so the body stays open between them).
 */
function openTable(flow: Flow, header: () => void): (draw: () => void) => void {
  const table = flow.group('Table', header);
  let tbody = 0;
  let rows = 0;
  return (draw) => {
    if (rows % ROWS_PER_BODY === 0)
      flow.within(table, () => {
        tbody = flow.group('TBody', () => undefined);
      });
    rows += 1;
    flow.within(tbody, draw);
  };
}

function continuation(flow: Flow, label: string): void {
  const size = flow.layout.type.footer;
  flow.current.canvas.text(
    `${label} (continued)`,
    flow.left,
    flow.cursor,
    flow.fonts.regular,
    size,
    flow.muted,
  );
  flow.space(flow.lineHeight(size) + 2);
}
