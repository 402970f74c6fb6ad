// What a person sees: opens the lesson workspace in code-server through headless Chromium, runs
// Workload Lens commands from the command palette, hovers the schedule, opens the panels, and
// takes screenshots into test-output/. Asserts the key texts are visible.
//
//   node test/e2e/uiSmoke.mjs [--theme dark|light|both] [--installed <extensionsDir>]
// Without --installed the extension is loaded from the repo (extensionDevelopmentPath payload);
// with it, from an extensions dir that a .vsix was installed into (see runVsix.mjs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkRoute, launchBrowser, log, makeWorkspace, OUTPUT_DIR, ROOT, RouteError, sleep, startCodeServer } from './lib/codeServer.mjs';

const THEMES = { dark: 'Default Dark Modern', light: 'Default Light Modern' };

/** A Job the API server rejects: restartPolicy Always (for the Problems panel and squiggles). */
const BAD_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: bad-job
spec:
  template:
    spec:
      containers:
        - name: main
          image: busybox
      restartPolicy: Always
`;

const BROKEN_YAML = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data: {mode: "fast"
`;

class SmokeFailure extends Error {}

export async function uiSmoke({ theme = 'dark', installedExtensionsDir, label = installedExtensionsDir ? 'vsix' : 'dev' } = {}) {
  checkRoute();
  const workspace = makeWorkspace('wl-e2e-ui-');
  writeFileSync(join(workspace, 'bad-job.yaml'), BAD_JOB);
  writeFileSync(join(workspace, 'broken.yaml'), BROKEN_YAML);
  writeFileSync(join(workspace, 'complete-job.yaml'), 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: complete-me\nspec:\n  ');
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const server = await startCodeServer({
    userSettings: { 'workbench.colorTheme': THEMES[theme], 'workbench.tips.enabled': false, 'editor.hover.delay': 200, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'chat.commandCenter.enabled': false },
    extensionsDir: installedExtensionsDir,
    smokeDriver: !installedExtensionsDir,
    logName: `code-server-ui-${label}-${theme}`,
  });
  const browser = await launchBrowser();
  const checks = [];
  const shots = [];
  const prefix = `${label}-${theme}`;
  let page;
  const shot = async (name) => {
    const file = join(OUTPUT_DIR, `${prefix}-${name}.png`);
    await page.screenshot({ path: file });
    shots.push(file);
    return file;
  };
  const check = (name, ok, detail = '') => {
    checks.push({ name, ok, detail });
    log(`${ok ? 'ok  ' : 'FAIL'} [${prefix}] ${name}${detail ? ` — ${detail}` : ''}`);
  };
  try {
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const payload = installedExtensionsDir ? undefined : [['extensionDevelopmentPath', server.remote(ROOT)]];
    await page.goto(server.url(workspace, payload), { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 }).catch(() => {});
    await dismissNotifications(page);

    // 1. a YAML syntax error: squiggle + Problems panel
    await openFile(page, 'broken.yaml');
    check('broken.yaml shows an error squiggle', await visible(page.locator('.squiggly-error').first(), 45_000));
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await problems.waitFor({ timeout: 10_000 }).catch(() => {});
    await sleep(800);
    const problemsText = (await problems.innerText().catch(() => '')) || '';
    check('Problems panel lists the syntax error of broken.yaml', /broken\.yaml/.test(problemsText) && /workload-lens/.test(problemsText), firstLine(problemsText));

    // 2. the rejected Job, where the CLI reports it: the same finding in the editor
    const cliFinding = cliReports(join(workspace, 'bad-job.yaml'), /restartPolicy/);
    await openFile(page, 'bad-job.yaml');
    if (cliFinding) {
      check('bad-job.yaml shows an error squiggle', await visible(page.locator('.squiggly-error').first(), 20_000));
      await sleep(800);
      const text = (await problems.innerText().catch(() => '')) || '';
      check('Problems panel lists the restartPolicy error', /bad-job\.yaml/.test(text) && /api-restart-policy/.test(text) && /OnFailure/.test(text), firstLine(text.slice(text.indexOf('bad-job'))));
    } else {
      log('note: the CLI reports no restartPolicy error for bad-job.yaml yet; check skipped');
    }
    await shot('01-problems');

    // 2. command palette: every Workload Lens command is listed; restart runs
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill('>Workload Lens');
    await sleep(700);
    const paletteText = await page.locator('.quick-input-list').innerText().catch(() => '');
    await shot('02-command-palette');
    for (const title of commandTitles()) check(`palette lists "${title}"`, paletteText.includes(title), '');
    await input.fill('>Workload Lens: Restart Server');
    await sleep(400);
    await page.keyboard.press('Enter');
    const restarted = await page.getByText('Workload Lens: server restarted').first().waitFor({ timeout: 15_000 }).then(() => true, () => false);
    check('Restart Server runs (status bar message)', restarted);
    await shot('03-restarted');
    // the new server follows edits: close the flow mapping, the squiggle goes; undo, it is back
    await openFile(page, 'broken.yaml');
    await goToLine(page, 5);
    await page.keyboard.press('End');
    await page.keyboard.type('}');
    const fixed = await gone(page.locator('.squiggly-error'), 20_000);
    await shot('03b-fixed-after-restart');
    check('after the restart, fixing broken.yaml removes its squiggle', fixed);
    await page.keyboard.press('Control+Z');
    check('after the restart, undo brings the error back', await visible(page.locator('.squiggly-error').first(), 20_000));

    // 2b. the status bar shows the target Kubernetes version for a YAML editor; clicking it opens the picker
    const k8s = page.locator('.statusbar').getByText(/^K8s 1\.\d+$/).first();
    check('status bar shows the target Kubernetes version (K8s 1.NN)', await visible(k8s, 15_000));
    if (await k8s.count()) {
      await k8s.click();
      await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10_000 }).catch(() => {});
      const title = await page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '');
      const picker = `${title}\n${await page.locator('.quick-input-list').innerText().catch(() => '')}`;
      await shot('03c-kubernetes-version');
      check('clicking it opens Set Kubernetes Version with the current target marked', /Set Kubernetes Version/.test(picker) && /1\.36/.test(picker) && /current target/.test(picker), firstLine(picker));
      await page.keyboard.press('Escape');
    }

    // 3. quick fix from the light bulb menu (Ctrl+.), then completion (Ctrl+Space) on the fixed Job
    await openFile(page, 'bad-job.yaml');
    await goToLine(page, 11);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    const menuShown = await visible(menu.first(), 10_000);
    const menuText = menuShown ? await menu.first().innerText() : '';
    await shot('03c-quick-fix-menu');
    check('Ctrl+. offers "Set restartPolicy" fixes', /Set restartPolicy: (OnFailure|Never)/.test(menuText), firstLine(menuText));
    const fixItem = menu.locator('.action-widget-action-label, .monaco-list-row', { hasText: /Set restartPolicy: (OnFailure|Never)/ }).first();
    if (await fixItem.count()) {
      await fixItem.click();
      const fixedLine = await page.locator('.view-line', { hasText: /restartPolicy:\s(OnFailure|Never)/ }).first().waitFor({ timeout: 10_000 }).then(() => true, () => false);
      check('choosing the fix rewrites the line', fixedLine);
      await page.keyboard.press('Escape');
    }
    await openFile(page, 'complete-job.yaml');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('back');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.suggest-widget .monaco-list');
    const suggestShown = await visible(suggest.first(), 10_000);
    await sleep(800);
    const suggestLabels = suggestShown ? await page.locator('.suggest-widget .monaco-list-row .label-name').allInnerTexts() : [];
    const suggestText = suggestLabels.join(' ');
    await shot('03d-completion');
    check('Ctrl+Space in a Job spec offers the key backoffLimit', suggestLabels.includes('backoffLimit'), firstLine(suggestText));
    await page.keyboard.press('Escape');

    // 4. lesson CronJob: hover the schedule
    await page.keyboard.press('Control+Shift+M'); // hide Problems again
    await openFile(page, 'hello-cronjob.yaml');
    await sleep(1000);
    const hoverText = await hoverOn(page, '*/1 * * * *');
    await shot('04-hover-schedule');
    check('hover on the schedule explains it', /every minute/i.test(hoverText) && /next \d+ runs/i.test(hoverText), firstLine(hoverText));
    await page.keyboard.press('Escape');
    const fieldHover = await hoverOn(page, 'backoffLimit');
    await shot('05-hover-field');
    check('hover on backoffLimit explains the field', /backoffLimit/.test(fieldHover) && /fail/i.test(fieldHover), firstLine(fieldHover));
    await page.keyboard.press('Escape');

    // 5. the editor context menu offers placement on YAML
    await openFile(page, 'log-collector-daemonset.yaml');
    const line = page.locator('.view-line', { hasText: 'log-collector' }).first();
    await line.click({ button: 'right' });
    const contextMenu = page.locator('.context-view .monaco-menu, .monaco-menu-container .monaco-menu').first();
    const contextText = (await visible(contextMenu, 10_000)) ? await contextMenu.innerText() : '';
    await shot('05b-context-menu');
    check('the editor context menu offers Simulate Pod Placement', contextText.includes('Simulate Pod Placement'), firstLine(contextText));
    await page.keyboard.press('Escape');

    // 6. panels (when their commands exist)
    await runCommand(page, 'View: Close Panel');
    for (const panel of PANELS) {
      const title = commandTitle(panel.command);
      if (!title) {
        log(`note: ${panel.command} is not contributed yet; panel skipped`);
        continue;
      }
      await openFile(page, panel.file);
      await sleep(800);
      await runCommand(page, title);
      const text = await webviewText(page, panel.expect, 20_000);
      await shot(`06-panel-${panel.name}`);
      check(`${title} opens its panel with "${panel.expect}"`, text.includes(panel.expect), firstLine(text));
      if (panel.interact) await panel.interact(page, check, shot);
      await runCommand(page, 'View: Close All Editors');
    }
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
  const failed = checks.filter((c) => !c.ok);
  log(`[${prefix}] ${checks.length - failed.length}/${checks.length} UI checks passed; screenshots: ${shots.map((s) => s.replace(`${ROOT}/`, '')).join(', ')}`);
  if (failed.length) throw new SmokeFailure(`UI smoke (${prefix}) failed: ${failed.map((c) => c.name).join('; ')}`);
  return { checks, shots };
}

// ---- what the current extension offers (grows as features land) ----

const PANELS = [
  {
    name: 'cron-preview',
    command: 'workloadLens.previewCronRuns',
    file: 'hello-cronjob.yaml',
    expect: '*/1 * * * *',
    // "Show more runs" adds another previewCount (10) rows
    async interact(page, check, shot) {
      const frame = await frameWith(page, '*/1 * * * *');
      const more = frame?.locator('button#more');
      if (!frame || !(await more.count())) return check('cron preview has a "Show more runs" button', false);
      const rows = () => frame.locator('table tbody tr').count();
      const before = await rows();
      await more.click();
      let after = before;
      for (let i = 0; i < 40 && after <= before; i++) {
        await sleep(250);
        const f = await frameWith(page, '*/1 * * * *');
        after = f ? await f.locator('table tbody tr').count().catch(() => before) : before;
      }
      await shot('06b-cron-more-runs');
      check('"Show more runs" adds rows to the preview', after > before, `${before} -> ${after} rows`);
    },
  },
  { name: 'job-timeline', command: 'workloadLens.simulatePlacement', file: 'hello-job.yaml', expect: 'Complete at +10s' },
  {
    name: 'placement',
    command: 'workloadLens.simulatePlacement',
    file: 'log-collector-daemonset.yaml',
    expect: '3 scheduled',
    // what-if: leave the control-plane toleration out -> the tainted control-plane node is skipped
    async interact(page, check, shot) {
      const frame = await frameWith(page, '3 scheduled');
      const toggle = frame?.locator('button[data-msg*="toggleToleration"]').first();
      if (!frame || !(await toggle.count())) return check('placement panel has a toleration what-if toggle', false);
      await toggle.click();
      const text = await webviewText(page, '2 scheduled', 15_000);
      await shot('07-placement-what-if');
      check('what-if without the control-plane toleration: 2 scheduled', text.includes('2 scheduled'), firstLine(text));
    },
  },
];

function manifest() {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
}

function commandTitles() {
  return (manifest().contributes?.commands ?? []).map(titleOf);
}

function titleOf(c) {
  return `${c.category ? `${c.category}: ` : ''}${c.title}`;
}

/** The palette title of a contributed command, or undefined while it is not contributed. */
function commandTitle(id) {
  const c = (manifest().contributes?.commands ?? []).find((x) => x.command === id);
  return c && titleOf(c);
}

// ---- page helpers ----

async function dismissNotifications(page) {
  await page.keyboard.press('Escape').catch(() => {});
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10_000 });
  await sleep(300);
  await page.keyboard.press('Enter');
  await page.locator(`.tab[aria-label*="${name}"]`).first().waitFor({ timeout: 10_000 }).catch(() => {});
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 10_000 });
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
  await sleep(500);
  await page.keyboard.press('Enter');
}

/** Moves the mouse over the first occurrence of `needle` in the visible editor; returns the hover's text. */
async function hoverOn(page, needle) {
  const point = await page.evaluate((text) => {
    for (const line of document.querySelectorAll('.editor-instance .view-lines .view-line, .monaco-editor .view-lines .view-line')) {
      const content = line.textContent ?? '';
      const at = content.indexOf(text);
      if (at < 0) continue;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const len = node.textContent.length;
        if (at < seen + len) {
          const range = document.createRange();
          range.setStart(node, at - seen);
          range.setEnd(node, Math.min(len, at - seen + Math.min(text.length, 3)));
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
        seen += len;
      }
    }
    return null;
  }, needle.replace(/ /g, '\u00a0'));
  if (!point) return '';
  await page.mouse.move(point.x - 40, point.y + 40);
  await page.mouse.move(point.x, point.y, { steps: 4 });
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents');
  return hover.first().waitFor({ timeout: 6_000 }).then(async () => {
    await sleep(600);
    return hover.first().innerText();
  }, () => '');
}

async function frameWith(page, needle) {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    if (text.includes(needle)) return frame;
  }
  return undefined;
}

/** Text of the webview frame whose body contains `needle` (webviews are nested iframes). */
async function webviewText(page, needle, timeoutMs) {
  const until = Date.now() + timeoutMs;
  let best = '';
  while (Date.now() < until) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      if (text.includes(needle)) return text;
      if (text.length > best.length) best = text;
    }
    await sleep(500);
  }
  return best;
}

async function goToLine(page, line) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
}

async function gone(locator, timeout) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if ((await locator.count()) === 0) return true;
    await sleep(250);
  }
  return false;
}

function visible(locator, timeout) {
  return locator.waitFor({ timeout }).then(() => true, () => false);
}

/** What `workload-lens check` says about a file: the UI must show the same (null when it finds nothing matching). */
function cliReports(file, pattern) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', file], { encoding: 'utf8' });
  const out = `${r.stdout}${r.stderr}`;
  return pattern.test(out) ? out : null;
}

function firstLine(text) {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 160);
}

function parseCli(argv) {
  const out = { themes: ['dark', 'light'] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--theme') out.themes = argv[++i] === 'both' ? ['dark', 'light'] : [argv[i]];
    else if (argv[i] === '--installed') out.installedExtensionsDir = argv[++i];
  }
  return out;
}

export async function runUiSmoke(options = {}) {
  for (const theme of options.themes ?? ['dark', 'light']) await uiSmoke({ ...options, theme });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runUiSmoke(parseCli(process.argv.slice(2))).catch((error) => {
    console.error(`[e2e] ${error instanceof RouteError ? 'route failed' : 'FAILED'}: ${error.message}`);
    process.exit(error instanceof RouteError ? 3 : 1);
  });
}
