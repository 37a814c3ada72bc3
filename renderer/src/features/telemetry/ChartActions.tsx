import { useState } from 'react';
import type { ControlRef } from '../../../../core/model';
import { ControlRef as ControlRefSchema } from '../../../../core/model';
import type { ChartSpec } from '../../../../core/charts/series';
import { chartJson } from '../../../../core/charts/series';
import { chartEvidence } from '../../../../core/telemetry/issue-draft';
import { getApi } from '../../app/api';
import { notify, notifyError } from '../../app/notifications';
import { Dialog } from '../../components/Dialog';
import { SelectField } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useSubmit } from '../../components/useSubmit';
import type { TelemetryIntegrations } from './slots';

interface Props {
  chartId: string;
  title: string;
  /** The chart over the whole period, for export (the screen may be zoomed). */
  exportChart: (id: string) => ChartSpec | undefined;
  onAttachEvidence: TelemetryIntegrations['onAttachEvidence'];
}

async function save(name: string, text: string, description: string): Promise<void> {
  const { path } = await getApi().fileSave({
    suggestedName: name,
    data: new TextEncoder().encode(text),
    description,
  });
  if (path !== null) notify('success', `Saved ${path}`);
}

/** Export a chart as SVG or as its data object, or attach it as evidence to a control. */
export function ChartActions({ chartId, title, exportChart, onAttachEvidence }: Props) {
  const [attaching, setAttaching] = useState(false);
  const evidence = () => {
    const chart = exportChart(chartId);
    if (!chart) throw new Error('There is no chart to export.');
    return chartEvidence(chart);
  };
  const run = (work: () => Promise<void>) => () =>
    void work().catch((error: unknown) => notifyError(error, `Export of “${title}”`));
  return (
    <>
      <button
        type="button"
        className="button small"
        aria-label={`Export ${title} as SVG`}
        onClick={run(async () => {
          const item = evidence();
          await save(`${item.fileName}.svg`, item.svg, 'SVG image');
        })}
      >
        SVG
      </button>
      <button
        type="button"
        className="button small"
        aria-label={`Export ${title} data as JSON`}
        onClick={run(async () => {
          const item = evidence();
          await save(`${item.fileName}.json`, chartJson(item.chart), 'Chart data (JSON)');
        })}
      >
        Data
      </button>
      {onAttachEvidence ? (
        <>
          <button
            type="button"
            className="button small"
            onClick={() => setAttaching(true)}
            aria-label={`Attach ${title} as evidence`}
          >
            Attach as evidence
          </button>
          <AttachDialog
            open={attaching}
            title={title}
            evidence={evidence}
            onAttach={onAttachEvidence}
            onClose={() => setAttaching(false)}
          />
        </>
      ) : null}
    </>
  );
}

function AttachDialog({
  open,
  title,
  evidence,
  onAttach,
  onClose,
}: {
  open: boolean;
  title: string;
  evidence: () => ReturnType<typeof chartEvidence>;
  onAttach: NonNullable<TelemetryIntegrations['onAttachEvidence']>;
  onClose: () => void;
}) {
  const suggested = open ? evidence().controls : [];
  const [control, setControl] = useState<string>('');
  const { busy, formError, submit } = useSubmit();
  const chosen = control || suggested[0] || '';
  return (
    <Dialog open={open} title={`Attach “${title}” as evidence`} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit(async () => {
            const ref: ControlRef = ControlRefSchema.parse(chosen);
            await onAttach(evidence(), ref);
            notify('success', `Chart attached to ${ref}.`);
          }).then((done) => {
            if (done) onClose();
          });
        }}
      >
        <SelectField
          label="Control"
          value={chosen}
          onChange={(event) => setControl(event.target.value)}
        >
          {suggested.map((ref) => (
            <option key={ref} value={ref}>
              {ref}
            </option>
          ))}
        </SelectField>
        <FormFooter error={formError} disabled={busy || chosen === ''} onCancel={onClose}>
          Attach
        </FormFooter>
      </form>
    </Dialog>
  );
}
