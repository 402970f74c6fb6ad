import type { PlacementResponse, SimulateResponse } from '../../../server/src/protocol';
import type { JobTimeline } from '../../../server/src/core/simulate/job';
import type { CronTimeline } from '../../../server/src/core/simulate/cronjob';

type Esc = (value: unknown) => string;
type Report = Exclude<PlacementResponse, { error: string }>;

export type ResultFilter = 'all' | 'scheduled' | 'pending' | 'not-scheduled';

export interface ViewState {
  filter: ResultFilter;
  page: number;
  /** Node-taint removals in effect, as "node|key|effect" (node "*" for all). */
  removedTaints: Set<string>;
  sim: { podDurationSeconds?: number; failureRate?: number; runDurationSeconds?: number; hours?: number };
  /** Nodes from files (default) or from the connected cluster. */
  nodesFrom?: 'files' | 'cluster';
}

export const PAGE_SIZE = 200;

/** A button that posts `msg` to the extension when clicked (the panel script reads data-msg). */
function action(esc: Esc, label: string, msg: unknown, title?: string, cls = '', pressed?: boolean): string {
  return `<button class="${cls}" data-msg="${esc(JSON.stringify(msg))}"${title ? ` title="${esc(title)}"` : ''}${pressed === undefined ? '' : ` aria-pressed="${pressed}"`}>${esc(label)}</button>`;
}

function seconds(s: number): string {
  if (!Number.isFinite(s)) return '∞';
  const r = Math.round(s);
  if (r < 60) return `${r}s`;
  const parts: string[] = [];
  if (r >= 3600) parts.push(`${Math.floor(r / 3600)}h`);
  if (r % 3600 >= 60) parts.push(`${Math.floor((r % 3600) / 60)}m`);
  if (r % 60) parts.push(`${r % 60}s`);
  return parts.join('');
}

function parseTaintText(text: string): { key: string; effect: string; value?: string } {
  const colon = text.lastIndexOf(':');
  const head = text.slice(0, colon);
  const eq = head.indexOf('=');
  return { key: eq < 0 ? head : head.slice(0, eq), value: eq < 0 ? undefined : head.slice(eq + 1), effect: text.slice(colon + 1) };
}

/** The whole placement view: header, node table, then the what-if controls. */
export function renderPlacement(esc: Esc, r: Report, state: ViewState): string {
  const p = renderPlacementParts(esc, r, state);
  return p.head + p.nodes + p.whatIf;
}

export function renderPlacementParts(esc: Esc, r: Report, state: ViewState): { head: string; nodes: string; whatIf: string } {
  const c = r.counts;
  const out: string[] = [];
  out.push(`<h1>Where the pods go: ${esc(r.workload)}</h1>`);
  out.push(`<p>${esc(r.summary)}</p>`);
  out.push(`<p class="counts"><span class="pill ok">${c.scheduled} scheduled</span> <span class="pill warn">${c.pending} pending</span> <span class="pill bad">${c.notScheduled} not scheduled</span> <span class="muted">of ${c.nodes} node${c.nodes === 1 ? '' : 's'} · ${r.mode === 'daemon' ? 'DaemonSet controller + scheduler' : 'scheduler filters (no DaemonSet tolerations)'} · nodes from ${esc(r.nodeSources.join(', '))}</span></p>`);
  if (r.cluster) {
    const live = state.nodesFrom === 'cluster';
    out.push(`<p class="muted">${live ? `Nodes and what runs on them now, from cluster ${esc(r.cluster.label)}.` : `Connected to ${esc(r.cluster.label)}.`} ${action(esc, live ? 'Use nodes from files' : 'Use the cluster\'s nodes', { type: 'nodesFrom', value: live ? 'files' : 'cluster' }, live ? 'Place on the nodes from files (or the lesson\'s kind cluster)' : 'Place on the live cluster\'s nodes, counting the pods already running there', 'secondary')}</p>`);
  }
  if (Object.keys(r.requests).length) out.push(`<p class="muted">Pod requests: ${Object.entries(r.requests).map(([k, v]) => `<code>${esc(k)}: ${esc(v)}</code>`).join(', ')}</p>`);
  if (r.warnings.length) out.push(`<ul class="warnings">${r.warnings.map((w) => `<li class="warn">${esc(w)}</li>`).join('')}</ul>`);
  const head = out.join('\n');
  out.length = 0;

  // What-if: tolerations (the controller's own ones folded away).
  out.push('<h2>What if — tolerations</h2><table class="tol"><tr><th>Active</th><th>Toleration</th><th>From</th></tr>');
  const controllerRows: string[] = [];
  r.tolerations.forEach((t, i) => {
    const text = `${t.key || '<every key>'}${t.operator === 'Exists' ? ' Exists' : `=${t.value ?? ''}`}:${t.effect || '<every effect>'}`;
    let toggle: string;
    let from: string;
    if (t.origin === 'template') {
      toggle = action(esc, t.removed ? 'off' : 'on', { type: 'toggleToleration', index: t.index }, t.removed ? 'Put this toleration back' : 'Leave this toleration out', t.removed ? 'toggle off' : 'toggle on', !t.removed);
      from = t.path ?? `tolerations[${t.index}]`;
    } else if (t.origin === 'what-if') {
      toggle = action(esc, 'remove', { type: 'removeAddedToleration', index: i - r.tolerations.filter((x) => x.origin === 'template').length }, 'Remove this what-if toleration', 'toggle on');
      from = 'what-if';
    } else {
      toggle = '<span class="muted">always</span>';
      from = 'added by the DaemonSet controller';
    }
    const row = `<tr class="${t.removed ? 'struck' : ''}"><td>${toggle}</td><td><code>${esc(text)}</code></td><td class="muted from">${esc(from)}</td></tr>`;
    (t.origin === 'daemonset-controller' ? controllerRows : out).push(row);
  });
  if (controllerRows.length) out.push(`<tr><td colspan="3"><details><summary class="muted">+ ${controllerRows.length} tolerations the DaemonSet controller adds to every daemon pod</summary><table>${controllerRows.join('')}</table></details></td></tr>`);
  if (r.tolerations.length === 0) out.push('<tr><td colspan="3" class="muted">The pod has no tolerations: it cannot land on nodes with NoSchedule or NoExecute taints.</td></tr>');
  out.push('</table>');

  // Distinct taints across the nodes, with quick toggles.
  const blocking = new Map<string, number>();
  const present = new Map<string, number>();
  for (const n of r.nodes) {
    for (const t of n.taints) present.set(t, (present.get(t) ?? 0) + 1);
    for (const reason of n.reasons) {
      const m = /^taint (.+) not tolerated$/.exec(reason);
      if (m) blocking.set(m[1], (blocking.get(m[1]) ?? 0) + 1);
    }
  }
  const chips: string[] = [];
  for (const [taint, count] of blocking) {
    const t = parseTaintText(taint);
    chips.push(action(esc, `tolerate ${taint} (${count} node${count === 1 ? '' : 's'})`, { type: 'addToleration', toleration: { key: t.key, operator: 'Exists', effect: t.effect } }, 'Add a toleration (operator Exists) for this taint'));
  }
  for (const [taint, count] of present) {
    const t = parseTaintText(taint);
    chips.push(action(esc, `remove ${taint} from all nodes (${count})`, { type: 'toggleTaint', node: '*', key: t.key, effect: t.effect }, 'Remove this taint from every node'));
  }
  for (const key of state.removedTaints) {
    const [node, k, effect] = key.split('|');
    chips.push(action(esc, `restore ${k}:${effect}${node === '*' ? ' on all nodes' : ` on ${node}`}`, { type: 'toggleTaint', node, key: k, effect }, 'Put the taint back', 'restore'));
  }
  out.push(`<h2>What if — node taints</h2><p class="chips">${chips.join(' ') || '<span class="muted">No taints on these nodes.</span>'}</p>`);
  out.push(`<p class="addtaint">Add a taint: <input id="taint-node" list="node-names" placeholder="node name or *" size="28"> <input id="taint-text" placeholder="key=value:NoSchedule" size="32"> <button id="add-taint">Add</button> ${action(esc, 'Reset what-if', { type: 'resetWhatIf' }, 'Back to the manifest and nodes as written', 'secondary')}</p>`);
  if (r.nodes.length <= 500) out.push(`<datalist id="node-names"><option value="*">${r.nodes.map((n) => `<option value="${esc(n.node)}">`).join('')}</datalist>`);
  const whatIf = out.join('\n');
  out.length = 0;

  // The node table, filtered and paged so 5,000 nodes stay light.
  const filtered = state.filter === 'all' ? r.nodes : r.nodes.filter((n) => n.result === state.filter);
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const page = Math.min(Math.max(0, state.page), pages - 1);
  const rows = filtered.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const filterButtons = (['all', 'scheduled', 'pending', 'not-scheduled'] as const)
    .map((f) => action(esc, f === 'all' ? `all (${c.nodes})` : `${f} (${f === 'scheduled' ? c.scheduled : f === 'pending' ? c.pending : c.notScheduled})`, { type: 'filter', value: f }, undefined, f === state.filter ? 'selected' : 'secondary'))
    .join(' ');
  const pager = pages > 1 ? ` · page ${page + 1} of ${pages} ${page > 0 ? action(esc, '‹ prev', { type: 'page', value: page - 1 }, undefined, 'secondary') : ''} ${page < pages - 1 ? action(esc, 'next ›', { type: 'page', value: page + 1 }, undefined, 'secondary') : ''}` : '';
  out.push(`<h2>Nodes</h2><p>${filterButtons}${pager}</p>`);
  // Role labels are already shown as the node's role, under its name.
  const shownLabels = (n: (typeof rows)[number]) => Object.entries(n.labels).filter(([k]) => !k.startsWith('node-role.kubernetes.io/'));
  const withLabels = rows.some((n) => shownLabels(n).length > 0);
  out.push(`<div class="scroll"><table class="nodes"><tr><th>Node</th><th>Result</th><th>Why</th><th>Taints</th>${withLabels ? '<th>Labels that matter</th>' : ''}</tr>`);
  for (const n of rows) {
    const taints = n.taints.map((t) => {
      const p = parseTaintText(t);
      return `<div class="taint"><code>${esc(t)}</code> ${action(esc, '×', { type: 'toggleTaint', node: n.node, key: p.key, effect: p.effect }, `Remove this taint from ${n.node}`, 'mini')}</div>`;
    });
    const labels = shownLabels(n).map(([k, v]) => `<code>${esc(k)}${v ? `=${esc(v)}` : ''}</code>`);
    const cls = n.result === 'scheduled' ? 'ok' : n.result === 'pending' ? 'warn' : 'bad';
    const why = [...n.reasons.map((x) => `<div>${esc(x)}</div>`), ...n.notes.map((x) => `<div class="muted">${esc(x)}</div>`)].join('');
    const role = n.role && n.role !== '<none>' ? `<div class="muted role">${esc(n.role)}</div>` : '';
    out.push(`<tr><td class="node">${esc(n.node)}${n.cordoned ? ' <span class="muted">(cordoned)</span>' : ''}${role}</td><td class="result ${cls}">${esc(n.result)}</td><td class="why">${why}</td><td class="taints">${taints.join('') || '<span class="muted">none</span>'}</td>${withLabels ? `<td class="labels">${labels.join('<br>') || '<span class="muted">none</span>'}</td>` : ''}</tr>`);
  }
  out.push('</table></div>');
  if (filtered.length === 0) out.push('<p class="muted">No node in this group.</p>');
  return { head, nodes: out.join('\n'), whatIf };
}

export function renderSimulation(esc: Esc, s: SimulateResponse, state: ViewState): string {
  if (s.error !== undefined) return `<h2>Over time</h2><p class="muted">${esc(s.error)}</p>`;
  const sim = state.sim;
  const cron = s.kind === 'CronJob';
  const controls = `<p class="simform">Pod duration <input id="sim-duration" type="number" min="0" step="1" size="6" value="${esc(sim.podDurationSeconds ?? '')}" placeholder="auto"> s · failure rate <input id="sim-rate" type="number" min="0" max="1" step="0.05" size="5" value="${esc(sim.failureRate ?? 0)}">${cron ? ` · each Job runs <input id="sim-run" type="number" min="0" step="1" size="6" value="${esc(sim.runDurationSeconds ?? '')}" placeholder="auto"> s · window <input id="sim-hours" type="number" min="0.1" max="744" step="0.5" size="5" value="${esc(sim.hours ?? 3)}"> h` : ''} <button id="sim-apply">Simulate</button></p>`;
  return `<h2>Over time: ${esc(s.kind)} ${esc(s.name)}</h2>${controls}${s.kind === 'Job' ? renderJob(esc, s.job) : renderCron(esc, s.cron)}`;
}

// Timelines are drawn in CSS pixels (no viewBox scaling), so their text keeps the panel's font
// size at any width: a fixed-width label column beside a chart whose width follows the panel and
// whose horizontal positions are percentages of that width.
const MAX_LABEL_W = 180;
const ROW = 22;
/** The timeline's font size in CSS px (also in PANEL_STYLE). */
export const TIMELINE_FONT_PX = 12;
/** At most this many axis ticks, so tick labels do not collide in a half-width panel. */
const MAX_TICKS = 5;
const LABEL_CHARS = 22;

/** A position along the chart as an SVG percentage (fraction 0..1 of the chart width). */
function pct(fraction: number): string {
  return `${(Math.min(Math.max(fraction, 0), 1) * 100).toFixed(2)}%`;
}

function shortLabel(text: string): string {
  // Cut in the middle: pod names differ at their end.
  const head = Math.ceil((LABEL_CHARS - 1) / 2);
  return text.length > LABEL_CHARS ? `${text.slice(0, head)}…${text.slice(text.length - (LABEL_CHARS - 1 - head))}` : text;
}

/** The label column and the chart side by side, in a container that scrolls sideways when the panel is very narrow. */
function timeline(esc: Esc, labels: string[], top: number, chart: string, aria: string): string {
  const h = top + Math.max(1, labels.length) * ROW + 26;
  const LABEL_W = Math.min(MAX_LABEL_W, 24 + Math.max(4, ...labels.map((l) => Math.min(l.length, LABEL_CHARS))) * 7);
  const texts = labels.map((l, i) => `<text class="label" x="${LABEL_W - 8}" y="${top + i * ROW + 15}" text-anchor="end">${esc(shortLabel(l))}${l.length > LABEL_CHARS ? `<title>${esc(l)}</title>` : ''}</text>`).join('');
  return `<div class="tl-scroll"><div class="tl"><svg class="tl-labels" width="${LABEL_W}" height="${h}" aria-hidden="true">${texts}</svg><svg class="timeline" height="${h}" role="img" aria-label="${esc(aria)}">${chart}</svg></div></div>`;
}

/** A round tick step (in the axis unit) giving at most MAX_TICKS ticks. */
function niceStep(span: number, unit: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800].map((s) => s * unit);
  return steps.find((s) => span / s <= MAX_TICKS) ?? span / MAX_TICKS;
}

function axis(esc: Esc, x: (t: number) => string, from: number, to: number, label: (t: number) => string, top: number, height: number, unit = 1): string {
  const out: string[] = [];
  const step = niceStep(to - from, unit);
  for (let t = Math.ceil(from / step) * step; t <= to + 1e-9; t += step) {
    out.push(`<line class="grid" x1="${x(t)}" x2="${x(t)}" y1="${top}" y2="${top + height}"/><text class="axis" x="${x(t)}" y="${top + height + 17}" text-anchor="middle">${esc(label(t))}</text>`);
  }
  return out.join('');
}

export function renderJob(esc: Esc, j: JobTimeline): string {
  const s = j.settings;
  const shown = j.pods.slice(0, 120);
  const end = Math.max(j.end, 1);
  const frac = (t: number) => t / end;
  const x = (t: number) => pct(frac(t));
  const top = 40;
  const height = Math.max(1, shown.length) * ROW;
  const parts: string[] = [];
  parts.push(axis(esc, x, 0, end, (t) => `+${seconds(t)}`, top, height, 1));
  shown.forEach((p, i) => {
    const y = top + i * ROW;
    const stop = p.endedAt ?? end;
    const width = Math.max(0.004, frac(Math.min(stop, end)) - frac(Math.max(p.createdAt, 0)));
    parts.push(`<rect class="bar ${esc(p.phase.toLowerCase())}" x="${x(p.createdAt)}" y="${y + 4}" width="${pct(width)}" height="${ROW - 8}"><title>${esc(`${p.name}: ${p.phase}, +${seconds(p.createdAt)} → ${p.endedAt !== undefined ? `+${seconds(p.endedAt)}` : 'still running'}`)}</title></rect>`);
    for (const f of p.failedRuns) parts.push(`<line class="fail-tick" x1="${x(f)}" x2="${x(f)}" y1="${y + 1}" y2="${y + ROW - 1}"/>`);
    for (const rs of p.restarts) parts.push(`<circle class="restart" cx="${x(rs)}" cy="${y + ROW / 2}" r="3.5"><title>${esc(`restarted at +${seconds(rs)}`)}</title></circle>`);
  });
  // Two marker texts close together go on two lines instead of on top of each other.
  const close = j.finishedAt !== undefined && j.deletedAt !== undefined && Math.abs(frac(j.deletedAt) - frac(j.finishedAt)) < 0.3;
  const marker = (t: number | undefined, cls: string, text: string, line: number) => (t === undefined ? '' : `<line class="${cls}" x1="${x(t)}" x2="${x(t)}" y1="${top - 6 - line * 16}" y2="${top + height}"/><text class="mark ${cls}" x="${x(t)}" y="${top - 10 - line * 16}" text-anchor="${frac(t) > 0.85 ? 'end' : frac(t) < 0.15 ? 'start' : 'middle'}">${esc(text)}</text>`);
  parts.push(marker(j.finishedAt, j.outcome === 'Complete' ? 'done' : 'failed', `${j.outcome} +${seconds(j.finishedAt ?? 0)}`, 0));
  parts.push(marker(j.deletedAt, 'deleted', `deleted +${seconds(j.deletedAt ?? 0)}`, close ? 1 : 0));
  const svg = timeline(esc, shown.map((p) => p.name), top, parts.join(''), `${j.job}: ${j.outcome}`);
  const facts = `<p><strong>${esc(j.outcome)}</strong>${j.finishedAt !== undefined ? ` at +${esc(seconds(j.finishedAt))}` : ''}${j.reason ? ` — ${esc(j.reason)}` : ''}${j.deletedAt !== undefined ? `; deleted at +${esc(seconds(j.deletedAt))}` : ''}. <span class="muted">completions ${esc(s.completions ?? 'none (work queue)')}, parallelism ${esc(s.parallelism)}, backoffLimit ${esc(s.backoffLimit)}, ${esc(s.completionMode)}, restartPolicy ${esc(s.restartPolicy)}, pod duration ${esc(seconds(s.podDurationSeconds))} (${esc(s.podDurationSource)}), failure rate ${esc(s.failureRate)}</span></p>`;
  const legend = '<p class="legend"><span class="sw running"></span>running <span class="sw succeeded"></span>succeeded <span class="sw failed"></span>failed <span class="sw deleted"></span>deleted <span class="sw pending"></span>pending</p>';
  const more = j.pods.length > shown.length ? `<p class="muted">First ${shown.length} of ${j.pods.length} pods shown.</p>` : '';
  const notes = [...j.notes, ...j.warnings].map((n) => `<li class="muted">${esc(n)}</li>`).join('');
  const events = `<details><summary>Events (${j.events.length})</summary><table>${j.events.map((e) => `<tr><td>+${esc(seconds(e.at))}</td><td>${esc(e.text)}</td></tr>`).join('')}</table></details>`;
  return facts + svg + legend + more + (notes ? `<ul>${notes}</ul>` : '') + events;
}

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

export function renderCron(esc: Esc, c: CronTimeline): string {
  if (c.error) return `<p class="bad">${esc(c.error)}</p>`;
  const s = c.settings!;
  const shown = c.runs.slice(0, 100);
  const span = Math.max(c.to - c.from, 1);
  const frac = (t: number) => (Math.min(Math.max(t, c.from), c.to) - c.from) / span;
  const x = (t: number) => pct(frac(t));
  const top = 10;
  const height = Math.max(1, shown.length) * ROW;
  const parts: string[] = [axis(esc, x, c.from, c.to, clock, top, height, 1000)];
  shown.forEach((r, i) => {
    const y = top + i * ROW;
    const mid = y + ROW / 2;
    if (r.startedAt !== undefined) {
      const stop = r.endedAt ?? c.to;
      const cls = r.outcome === 'Failed' ? 'failed' : r.outcome === 'Replaced' ? 'deleted' : r.outcome === 'Running' ? 'running' : 'succeeded';
      parts.push(`<rect class="bar ${cls}" x="${x(r.startedAt)}" y="${y + 4}" width="${pct(Math.max(0.004, frac(stop) - frac(r.startedAt)))}" height="${ROW - 8}"><title>${esc(`${r.jobName}: ${r.outcome ?? ''}${r.note ? ` — ${r.note}` : ''}`)}</title></rect>`);
      if (r.endedAt !== undefined && r.deletedBy !== 'replace') parts.push(`<line class="kept" x1="${x(r.endedAt)}" x2="${x(r.deletedAt ?? c.to)}" y1="${mid}" y2="${mid}"><title>${esc(`${r.jobName} kept${r.deletedAt !== undefined ? ` until ${clock(r.deletedAt)} (${r.deletedBy})` : ''}`)}</title></line>`);
    } else if (r.status === 'skipped' || r.status === 'suspended') parts.push(`<circle class="skip" cx="${x(r.scheduledAt)}" cy="${mid}" r="4"><title>${esc(`${r.status}${r.note ? `: ${r.note}` : ''}`)}</title></circle>`);
    else parts.push(`<text class="miss" x="${x(r.scheduledAt)}" y="${y + 15}" text-anchor="middle">×<title>${esc(r.note ?? 'missed')}</title></text>`);
  });
  const labels = shown.map((r) => `${r.local ? r.local.slice(11) : clock(r.scheduledAt)} ${r.status}`);
  const svg = timeline(esc, labels, top, parts.join(''), `${c.cronJob}: ${c.runs.length} schedule times`);
  const count = (st: string) => c.runs.filter((r) => r.status === st).length;
  const zoneNote = c.runs.some((r) => r.local) ? ` Row labels are ${esc(s.timeZone)} time; the axis is UTC.` : '';
  const facts = `<p>${c.runs.length} schedule time${c.runs.length === 1 ? '' : 's'} from ${esc(new Date(c.from).toISOString().slice(0, 16).replace('T', ' '))} UTC over ${esc(seconds((c.to - c.from) / 1000))}: ${count('started')} started on time, ${count('started-late')} late, ${count('skipped')} skipped, ${count('missed')} missed${count('suspended') ? `, ${count('suspended')} suspended` : ''}. At most ${c.maxConcurrent} Job${c.maxConcurrent === 1 ? '' : 's'} at once; at the end ${c.keptAtEnd.succeeded.length} succeeded, ${c.keptAtEnd.failed.length} failed and ${c.keptAtEnd.active.length} active Job${c.keptAtEnd.active.length === 1 ? '' : 's'} exist.${zoneNote}</p><p class="muted">schedule <code>${esc(s.schedule)}</code>${s.timeZone ? ` in ${esc(s.timeZone)}` : ' (UTC)'}, concurrencyPolicy ${esc(s.concurrencyPolicy)}${s.startingDeadlineSeconds !== undefined ? `, startingDeadlineSeconds ${esc(s.startingDeadlineSeconds)}` : ''}, history ${esc(s.successfulJobsHistoryLimit)} succeeded / ${esc(s.failedJobsHistoryLimit)} failed${s.ttlSecondsAfterFinished !== undefined ? `, ttlSecondsAfterFinished ${esc(s.ttlSecondsAfterFinished)}` : ''}; each Job ${esc(seconds(s.jobDurationSeconds))} (${esc(s.jobDurationSource)}), ${esc(s.jobOutcome)}${s.suspend ? '; suspended' : ''}</p>`;
  const legend = '<p class="legend"><span class="sw succeeded"></span>Job running → complete <span class="sw failed"></span>failed <span class="sw deleted"></span>replaced <span class="sw kept"></span>finished Job kept <span class="sw skip"></span>skipped × missed</p>';
  const more = c.runs.length > shown.length ? `<p class="muted">First ${shown.length} of ${c.runs.length} schedule times shown.</p>` : '';
  const notes = [...c.notes, ...c.warnings].map((n) => `<li class="muted">${esc(n)}</li>`).join('');
  const events = `<details><summary>Events (${c.events.length})</summary><table>${c.events.slice(0, 1000).map((e) => `<tr><td>${esc(new Date(e.at).toISOString().slice(11, 19))}</td><td>${esc(e.text)}</td></tr>`).join('')}</table></details>`;
  return facts + svg + legend + more + (notes ? `<ul>${notes}</ul>` : '') + events;
}

export const PANEL_STYLE = `
.scroll, .tl-scroll { overflow-x: auto; max-width: 100%; }
.scroll::-webkit-scrollbar, .tl-scroll::-webkit-scrollbar { height: 10px; }
.scroll::-webkit-scrollbar-thumb, .tl-scroll::-webkit-scrollbar-thumb { background: var(--vscode-scrollbarSlider-background); }
.scroll::-webkit-scrollbar-thumb:hover, .tl-scroll::-webkit-scrollbar-thumb:hover { background: var(--vscode-scrollbarSlider-hoverBackground); }
table.nodes th, table.nodes td { padding: 4px 6px; }
table.nodes td, table.tol td { overflow-wrap: anywhere; }
table.nodes td.node, table.nodes td.result { overflow-wrap: break-word; min-width: 5em; }
table.nodes td.why { min-width: 8em; }
table.nodes td.taints, table.nodes td.labels { min-width: 5em; }
table.nodes code, table.tol code { overflow-wrap: anywhere; word-break: normal; }
table.nodes .taint { margin-bottom: 2px; }
.pill { padding: 1px 8px; border-radius: 10px; border: 1px solid currentColor; }
.chips button, .nodes button { margin: 2px 0; }
button { border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; }
button.secondary, button.mini, button.restore { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border-color: var(--vscode-contrastBorder, var(--vscode-input-border, var(--vscode-button-border, transparent))); }
button.secondary:hover, button.mini:hover, button.restore:hover { background: var(--vscode-button-secondaryHoverBackground, var(--vscode-button-secondaryBackground)); }
button.selected { outline: 1px solid var(--vscode-focusBorder); }
button.mini { padding: 0 5px; }
button.toggle { min-width: 4.5em; padding: 2px 10px; border: 1px solid var(--vscode-button-border, var(--vscode-contrastBorder, transparent)); }
button.toggle.on { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
button.toggle.on:hover { background: var(--vscode-button-hoverBackground); }
button.toggle.off { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border-color: var(--vscode-contrastBorder, var(--vscode-descriptionForeground)); }
button.toggle.off:hover { background: var(--vscode-button-secondaryHoverBackground, var(--vscode-button-secondaryBackground)); }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
tr.struck code { text-decoration: line-through; opacity: .7; }
input { color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, transparent); padding: 2px 4px; }
.warnings { padding-left: 1.2em; }
.tl { display: flex; max-width: 1200px; padding: 0 28px 0 0; margin: 4px 0; }
.tl svg { flex: none; overflow: visible; font-family: var(--vscode-font-family); font-size: ${TIMELINE_FONT_PX}px; }
.tl svg.timeline { flex: 1 1 0; min-width: 220px; }
svg .label, svg .axis, svg .mark { fill: var(--vscode-foreground); }
svg .axis { fill: var(--vscode-descriptionForeground); }
svg .grid { stroke: var(--vscode-panel-border, #8884); stroke-width: 1; }
svg .bar.running, .sw.running { fill: var(--vscode-charts-blue); background: var(--vscode-charts-blue); }
svg .bar.succeeded, .sw.succeeded { fill: var(--vscode-charts-green); background: var(--vscode-charts-green); }
svg .bar.failed, .sw.failed { fill: var(--vscode-charts-red); background: var(--vscode-charts-red); }
svg .bar.deleted, .sw.deleted { fill: var(--vscode-disabledForeground, #888); background: var(--vscode-disabledForeground, #888); }
svg .bar.pending, .sw.pending { fill: var(--vscode-charts-yellow); background: var(--vscode-charts-yellow); }
svg .kept { stroke: var(--vscode-charts-green); stroke-dasharray: 3 3; stroke-width: 2; }
.sw.kept { border-top: 2px dashed var(--vscode-charts-green); height: 0 !important; }
svg .skip { fill: none; stroke: var(--vscode-charts-orange, var(--vscode-charts-yellow)); stroke-width: 2; }
.sw.skip { border: 2px solid var(--vscode-charts-orange, var(--vscode-charts-yellow)); border-radius: 50%; }
svg .miss { fill: var(--vscode-charts-red); font-weight: bold; }
svg .fail-tick { stroke: var(--vscode-charts-red); stroke-width: 2; }
svg .restart { fill: var(--vscode-editor-background); stroke: var(--vscode-charts-orange, var(--vscode-charts-red)); stroke-width: 1.5; }
svg line.done { stroke: var(--vscode-charts-green); stroke-width: 2; }
svg line.failed { stroke: var(--vscode-charts-red); stroke-width: 2; }
svg line.deleted { stroke: var(--vscode-descriptionForeground); stroke-width: 2; stroke-dasharray: 4 2; }
svg text.done { fill: var(--vscode-charts-green); } svg text.failed { fill: var(--vscode-charts-red); } svg text.deleted { fill: var(--vscode-descriptionForeground); }
.legend .sw { display: inline-block; width: 14px; height: 10px; margin: 0 4px 0 12px; vertical-align: middle; }
`;

export const PANEL_SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const el = event.target instanceof Element ? event.target.closest('[data-msg]') : null;
  if (el) { vscode.postMessage(JSON.parse(el.getAttribute('data-msg'))); return; }
  const id = event.target instanceof Element ? event.target.id : '';
  if (id === 'add-taint') {
    vscode.postMessage({ type: 'addTaint', node: document.getElementById('taint-node').value.trim() || '*', taint: document.getElementById('taint-text').value.trim() });
  } else if (id === 'sim-apply') {
    const num = (i) => { const e = document.getElementById(i); return e && e.value !== '' ? Number(e.value) : undefined; };
    vscode.postMessage({ type: 'sim', podDurationSeconds: num('sim-duration'), failureRate: num('sim-rate'), runDurationSeconds: num('sim-run'), hours: num('sim-hours') });
  }
});
`;
