import type { ReportModelInput } from '../core/report/model';
import { formatBytes, formatInstant } from '../core/report/pdf/tables';

function escape(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char,
  );
}

/**
 * The same report as HTML for Chromium's print-to-PDF: title page, contents, summary, the
 * evidence table with the same columns, type sizes and page margins, repeating its header.
 */
export function reportHtml(model: ReportModelInput): string {
  const rows = (model.evidence ?? [])
    .map(
      (item) =>
        `<tr><td>${escape(item.name)}</td><td class="r">${formatBytes(item.size)}</td><td class="h">${item.sha256}</td><td>${formatInstant(item.collectedAt)}</td><td>${escape(item.source ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(model.title)}</title>
<style>
@page { size: A4; margin: 54pt 48pt 60pt 48pt; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; color: #1d2330; }
h1 { font-size: 15pt; color: #24539f; border-bottom: 0.75pt solid #c3cad6; break-before: page; }
table { width: 100%; border-collapse: collapse; font-size: 8pt; table-layout: fixed; }
thead { display: table-header-group; }
th { background: #24539f; color: #fff; text-align: left; padding: 3pt; }
td { padding: 3pt; vertical-align: top; overflow-wrap: anywhere; }
tr:nth-child(even) td { background: #f1f3f7; }
td.r { text-align: right; } td.h { font-size: 6.2pt; }
</style></head><body>
<p style="margin-top:90pt;color:#24539f;font-weight:bold">CONTROL EVIDENCE MATRIX</p>
<p style="font-size:24pt;font-weight:bold">${escape(model.title)}</p>
<h1>Contents</h1><p>Summary · Charts · Control evidence matrix · Evidence · Sign-off</p>
<h1>Evidence</h1>
<table><colgroup><col style="width:21%"><col style="width:7%"><col style="width:44%"><col style="width:13%"><col style="width:15%"></colgroup>
<thead><tr><th>File</th><th>Size</th><th>SHA-256</th><th>Collected</th><th>Source</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h1>Sign-off</h1><p>${escape(model.signOff?.statement ?? '')}</p>
</body></html>`;
}
