import type { CronPreviewResponse } from '../../../server/src/protocol';

/** HTML for the Preview CronJob Runs panel. Pure: every value passes through `esc`. */
export type Esc = (value: unknown) => string;

export function renderCronPreview(esc: Esc, r: CronPreviewResponse): string {
  const title = r.name ? `CronJob ${r.name}` : 'Cron schedule';
  const out: string[] = [];
  out.push(`<h1>${esc(title)}</h1>`);
  out.push(`<p><code>${esc(r.schedule)}</code>${r.timeZone !== undefined ? ` in <code>${esc(r.timeZone)}</code>` : ''}</p>`);
  if (!r.valid) {
    out.push(`<p class="bad" role="alert">${esc(r.error ?? 'Invalid')}</p>`);
    out.push(toolbar(false));
    return out.join('\n');
  }
  out.push(`<p><strong>${esc(r.description ?? '')}</strong></p>`);
  out.push(`<p class="muted">Times are in ${esc(r.zoneLabel)}; runs strictly after ${esc(r.from)}.</p>`);
  if (r.warnings.length) out.push(`<ul class="warnings">${r.warnings.map((w) => `<li class="warn">${esc(w)}</li>`).join('')}</ul>`);
  out.push(toolbar(r.runs.length > 0 && !r.neverRuns));

  out.push('<h2>Next runs</h2>');
  if (r.runs.length === 0) out.push('<p class="bad">No run within five years: the controller would never create a Job.</p>');
  else {
    const zoneHead = r.timeZone ?? 'UTC';
    const showUtc = zoneHead !== 'UTC';
    const showLocal = r.runs.some((x) => x.local);
    const head = ['#', zoneHead, ...(showUtc ? ['UTC'] : []), ...(showLocal ? [`Your time (${r.localZone ?? 'local'})`] : []), 'Gap', 'Note'];
    out.push(`<table class="runs"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>`);
    r.runs.forEach((run, i) => {
      const cells = [
        String(i + 1),
        `<time datetime="${esc(run.iso)}">${esc(run.inZone)}</time>`,
        ...(showUtc ? [esc(run.utc)] : []),
        ...(showLocal ? [esc(run.local ?? '')] : []),
        esc(run.gap ?? ''),
        run.dst ? `<span class="warn">${esc(run.dst)}</span>` : '',
      ];
      out.push(`<tr>${cells.map((c, j) => (j === 0 ? `<td>${esc(c)}</td>` : `<td>${c}</td>`)).join('')}</tr>`);
    });
    out.push('</tbody></table>');
  }

  if (r.dst.length) {
    out.push('<h2>Daylight-saving changes in this window</h2><ul>');
    for (const d of r.dst) {
      const effect = [d.skipped.length ? `no run at ${d.skipped.join(', ')}` : '', d.doubled.length ? `runs twice at ${d.doubled.join(', ')}` : ''].filter(Boolean).join('; ');
      out.push(`<li>${esc(d.text)}${effect ? ` — <span class="warn">${esc(effect)}</span>` : ' — <span class="muted">no effect on this schedule</span>'}</li>`);
    }
    out.push('</ul>');
  }

  if (r.fields.length) {
    out.push('<h2>Fields</h2><table class="fields"><thead><tr><th>Field</th><th>Value</th><th>Means</th></tr></thead><tbody>');
    for (const f of r.fields) out.push(`<tr><td>${esc(f.name)}</td><td><code>${esc(f.text)}</code></td><td>${esc(f.meaning)}</td></tr>`);
    out.push('</tbody></table>');
  }

  if (r.policies.length) {
    out.push('<h2>What the CronJob does with these runs</h2><table class="policies"><thead><tr><th>Field</th><th>Value</th><th>Means</th></tr></thead><tbody>');
    for (const p of r.policies) out.push(`<tr><td><code>${esc(p.field)}</code></td><td>${esc(p.value)}</td><td>${esc(p.meaning)}</td></tr>`);
    out.push('</tbody></table>');
  }
  out.push('<p class="muted">Computed as the Kubernetes CronJob controller does it (robfig/cron v3 walk, daylight-saving included).</p>');
  return out.join('\n');
}

function toolbar(more: boolean): string {
  return `<p class="toolbar"><button id="refresh" type="button">Refresh from now</button>${more ? ' <button id="more" type="button">Show more runs</button>' : ''}</p>`;
}

export const CRON_PANEL_STYLE = `
.toolbar button { margin-right: 6px; }
.warnings { padding-left: 1.2em; }
table.runs td:nth-child(1) { color: var(--vscode-descriptionForeground); width: 2em; }
`;

export const CRON_PANEL_SCRIPT = `
const vscode = acquireVsCodeApi();
for (const id of ['refresh', 'more']) {
  const b = document.getElementById(id);
  if (b) b.addEventListener('click', () => vscode.postMessage({ type: id }));
}
`;
