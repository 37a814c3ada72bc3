import { ChartFrame, ChartLegend } from './ChartFrame';

export interface Series<K extends string> {
  key: K;
  name: string;
  colour: string;
}

/** Counts per priority, stacked by series. */
export function StackedBars<K extends string>({
  rows,
  series,
}: {
  rows: readonly ({ priority: string } & Record<K, number>)[];
  series: readonly Series<K>[];
}) {
  const totals = rows.map((row) => series.reduce((sum, { key }) => sum + row[key], 0));
  return (
    <>
      <ChartFrame labels={rows.map((row) => row.priority)} max={Math.max(0, ...totals)} integers>
        {({ x, band, y }) =>
          rows.map((row, index) => {
            let below = 0;
            return series.map(({ key, colour }) => {
              const value = row[key];
              const from = below;
              below += value;
              if (value === 0) return null;
              return (
                <rect
                  key={`${row.priority}-${key}`}
                  x={x(index) - band * 0.3}
                  width={band * 0.6}
                  y={y(from + value)}
                  height={y(from) - y(from + value)}
                  fill={colour}
                />
              );
            });
          })
        }
      </ChartFrame>
      <ChartLegend series={series} />
    </>
  );
}
