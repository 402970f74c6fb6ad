import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { placePod, podTemplateOf, type NodeInfo } from '../../server/src/core/placement';
import { simulateCronJob, simulateJob } from '../../server/src/core/simulate';
import { PAGE_SIZE, renderPlacement, renderSimulation, type ViewState } from '../../client/src/placement/render';

// The same escaping the panel uses (client/src/panels/webviewHtml.ts escapeHtml).
const esc = (v: unknown) => String(v ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
const state = (): ViewState => ({ filter: 'all', page: 0, removedTaints: new Set(), sim: {} });
const EVIL = '<img src=x onerror=alert(1)>';

function report(nodes: NodeInfo[], podSpec: Record<string, unknown> = {}) {
  const t = podTemplateOf({ kind: 'DaemonSet', metadata: { name: `ds${EVIL}` }, spec: { template: { spec: { containers: [{ name: 'c' }], ...podSpec } } } })!;
  return { ...placePod(t, nodes), uri: 'file:///x.yaml', nodeSources: [`file${EVIL}`] };
}

describe('placement panel HTML', () => {
  test('every manifest and node value is escaped', () => {
    const nodes: NodeInfo[] = [{ name: `n${EVIL}`, labels: { [`k${EVIL}`]: `v${EVIL}` }, taints: [{ key: `t${EVIL}`, value: `"'\``, effect: 'NoSchedule' }], unschedulable: false }];
    const html = renderPlacement(esc, report(nodes, { nodeSelector: { [`k${EVIL}`]: 'x' }, tolerations: [{ key: `tol${EVIL}`, operator: 'Exists' }] }), state());
    assert.ok(!html.includes('<img'), 'no raw tag from the manifest');
    assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62;'));
    for (const m of html.matchAll(/data-msg="([^"]*)"/g)) assert.doesNotThrow(() => JSON.parse(m[1].replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))));
  });
  test('5,000 nodes render one page of rows with a pager', () => {
    const nodes: NodeInfo[] = Array.from({ length: 5000 }, (_, i) => ({ name: `node-${i}`, labels: {}, taints: i % 2 ? [{ key: 'x', effect: 'NoSchedule' }] : [], unschedulable: false }));
    const html = renderPlacement(esc, report(nodes), state());
    assert.equal((html.match(/<tr><td>node-/g) ?? []).length, PAGE_SIZE);
    assert.match(html, /page 1 of 25/);
    const filtered = renderPlacement(esc, report(nodes), { ...state(), filter: 'not-scheduled', page: 12 });
    assert.match(filtered, /page 13 of 13/);
    assert.equal((filtered.match(/<tr><td>node-/g) ?? []).length, 100);
  });
  test('timelines are SVG pictures with escaped names', () => {
    const job = simulateJob(`j${EVIL}`, { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } } }, { failureRate: 0.5 });
    const html = renderSimulation(esc, { kind: 'Job', name: `j${EVIL}`, job }, state());
    assert.match(html, /<svg class="timeline"/);
    assert.ok(!html.includes('<img'));
    const cron = simulateCronJob(`c${EVIL}`, { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c' }] } } } } }, { from: new Date('2026-01-01T00:00:00Z'), hours: 1 });
    const chtml = renderSimulation(esc, { kind: 'CronJob', name: `c${EVIL}`, cron }, state());
    assert.equal((chtml.match(/<rect class="bar/g) ?? []).length, 12);
    assert.ok(!chtml.includes('<img'));
  });
  test('an error response renders as text', () => {
    assert.match(renderSimulation(esc, { error: `no ${EVIL}` }, state()), /no &#60;img/);
  });
});
