import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { placePod, podTemplateOf, type NodeInfo } from '../../server/src/core/placement';
import { simulateCronJob, simulateJob } from '../../server/src/core/simulate';
import { PAGE_SIZE, PANEL_STYLE, TIMELINE_FONT_PX, renderPlacement, renderSimulation, type ViewState } from '../../client/src/placement/render';

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
  test('a connected cluster is offered, and named when its nodes are shown', () => {
    const nodes: NodeInfo[] = [{ name: 'n', labels: {}, taints: [], unschedulable: false }];
    const none = renderPlacement(esc, report(nodes), state());
    assert.ok(!none.includes('nodesFrom'), 'no offer without a connection');
    const connected = { ...report(nodes), cluster: { context: `ctx${EVIL}`, label: `ctx${EVIL} · v1.34.9` } };
    const offer = renderPlacement(esc, connected, state());
    assert.match(offer, /Connected to ctx&#60;img.* · v1\.34\.9\./);
    assert.match(offer, /data-msg="[^"]*nodesFrom[^"]*cluster[^"]*"[^>]*>Use the cluster&#39;s nodes</);
    const live = renderPlacement(esc, connected, { ...state(), nodesFrom: 'cluster' });
    assert.match(live, /Nodes and what runs on them now, from cluster ctx&#60;img/);
    assert.match(live, />Use nodes from files</);
    assert.ok(!live.includes('<img'));
  });
  test('5,000 nodes render one page of rows with a pager', () => {
    const nodes: NodeInfo[] = Array.from({ length: 5000 }, (_, i) => ({ name: `node-${i}`, labels: {}, taints: i % 2 ? [{ key: 'x', effect: 'NoSchedule' }] : [], unschedulable: false }));
    const html = renderPlacement(esc, report(nodes), state());
    assert.equal((html.match(/<tr><td class="node">node-/g) ?? []).length, PAGE_SIZE);
    assert.match(html, /page 1 of 25/);
    const filtered = renderPlacement(esc, report(nodes), { ...state(), filter: 'not-scheduled', page: 12 });
    assert.match(filtered, /page 13 of 13/);
    assert.equal((filtered.match(/<tr><td class="node">node-/g) ?? []).length, 100);
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
  test('the node table sits in its own sideways-scrolling container and long taints may wrap', () => {
    const nodes: NodeInfo[] = [{ name: 'cp', labels: { 'node-role.kubernetes.io/control-plane': '' }, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }], unschedulable: false }];
    const html = renderPlacement(esc, report(nodes), state());
    assert.match(html, /<div class="scroll"><table class="nodes">/);
    assert.match(PANEL_STYLE, /\.scroll[^{]*\{[^}]*overflow-x: auto/);
    assert.match(PANEL_STYLE, /table\.nodes code[^{]*\{[^}]*overflow-wrap: anywhere/);
    // The role is shown under the node name; role labels alone do not make a Labels column.
    assert.match(html, /<td class="node">cp<div class="muted role">control-plane<\/div><\/td>/);
    assert.ok(!html.includes('Labels that matter'));
    const labelled = renderPlacement(esc, report([{ ...nodes[0], labels: { disktype: 'ssd' } }], { nodeSelector: { disktype: 'ssd' } }), state());
    assert.match(labelled, /<th>Labels that matter<\/th>/);
    assert.match(labelled, /<code>disktype=ssd<\/code>/);
  });
  test('the what-if toleration toggle is a real button in both states, and From names the real field path', () => {
    const nodes: NodeInfo[] = [{ name: 'a', labels: {}, taints: [], unschedulable: false }];
    const t = podTemplateOf({ kind: 'DaemonSet', metadata: { name: 'ds' }, spec: { template: { spec: { containers: [{ name: 'c' }], tolerations: [{ key: 'x', operator: 'Exists' }] } } } })!;
    const on = renderPlacement(esc, { ...placePod(t, nodes), uri: 'file:///x.yaml', nodeSources: ['x'] }, state());
    assert.match(on, /<button class="toggle on" data-msg="[^"]*toggleToleration[^"]*" title="Leave this toleration out" aria-pressed="true">on<\/button>/);
    assert.match(on, /<td class="muted from">spec\.template\.spec\.tolerations\[0\]<\/td>/);
    const off = renderPlacement(esc, { ...placePod(t, nodes, { removeTolerations: [0] }), uri: 'file:///x.yaml', nodeSources: ['x'] }, state());
    assert.match(off, /<button class="toggle off" [^>]*aria-pressed="false">off<\/button>/);
    // Both states get a button look from the theme: background and a border.
    assert.match(PANEL_STYLE, /button\.toggle \{[^}]*border: 1px solid var\(--vscode-button-border/);
    assert.match(PANEL_STYLE, /button\.toggle\.off \{[^}]*background: var\(--vscode-button-secondaryBackground\)[^}]*border-color: var\(--vscode-contrastBorder/);
    assert.match(PANEL_STYLE, /button\.toggle\.on \{[^}]*background: var\(--vscode-button-background\)/);
    const cron = podTemplateOf({ kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c' }], tolerations: [{ key: 'x', operator: 'Exists' }] } } } } } })!;
    assert.match(renderPlacement(esc, { ...placePod(cron, nodes), uri: 'file:///x.yaml', nodeSources: ['x'] }, state()), />spec\.jobTemplate\.spec\.template\.spec\.tolerations\[0\]</);
  });
  test('timelines are drawn in CSS pixels: no viewBox scaling, a fixed font size of at least 11px, percentages along the time axis', () => {
    const job = simulateJob('j', { completions: 2, parallelism: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } } }, {});
    const html = renderSimulation(esc, { kind: 'Job', name: 'j', job }, state());
    assert.ok(!/viewBox/.test(html), 'a viewBox would scale the text down with the panel');
    assert.ok(TIMELINE_FONT_PX >= 11);
    assert.match(PANEL_STYLE, new RegExp(`\\.tl svg \\{[^}]*font-size: ${TIMELINE_FONT_PX}px`));
    assert.match(html, /<div class="tl-scroll"><div class="tl"><svg class="tl-labels" width="\d+"/);
    assert.match(PANEL_STYLE, /\.tl-scroll[^{]*\{[^}]*overflow-x: auto/);
    for (const m of html.matchAll(/<rect class="bar[^"]*" x="([^"]+)"[^>]*width="([^"]+)"/g)) {
      assert.match(m[1], /^\d+(\.\d+)?%$/);
      assert.match(m[2], /^\d+(\.\d+)?%$/);
    }
    assert.equal((html.match(/<text class="label"/g) ?? []).length, 2);
    assert.ok((html.match(/<text class="axis"/g) ?? []).length <= 6, 'few enough ticks for a half-width panel');
    const long = simulateJob('a-very-long-job-name-that-goes-on-and-on', { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c' }] } } }, {});
    const lhtml = renderSimulation(esc, { kind: 'Job', name: 'x', job: long }, state());
    const label = /<text class="label"[^>]*>([^<]*)<title>(a-very-long-job-name-that-goes-on-and-on[^<]*)<\/title>/.exec(lhtml);
    assert.ok(label, 'long labels are shortened, the full name is in the tooltip');
    assert.ok(label[1].startsWith('a-very-long') && label[1].includes('…') && label[2].endsWith(label[1].split('…')[1]), 'cut in the middle: the pod suffix stays visible');
  });
  test('an error response renders as text', () => {
    assert.match(renderSimulation(esc, { error: `no ${EVIL}` }, state()), /no &#60;img/);
  });
});
