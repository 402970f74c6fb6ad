import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A whole webview document with a strict Content-Security-Policy: no remote content, inline
 * styles only through the nonce, scripts only with the nonce. Colours come from the theme's CSS
 * variables so the panel follows light, dark and high-contrast themes.
 */
export function panelHtml(webview: vscode.Webview, options: { title: string; body: string; script?: string; style?: string }): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [`default-src 'none'`, `img-src ${webview.cspSource} data:`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(options.title)}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 16px; }
h1 { font-size: 1.3em; font-weight: 600; }
h2 { font-size: 1.1em; font-weight: 600; margin-top: 1.4em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, #8884)); vertical-align: top; }
th { color: var(--vscode-descriptionForeground); font-weight: 600; }
code { font-family: var(--vscode-editor-font-family); }
.muted { color: var(--vscode-descriptionForeground); }
.ok { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.bad { color: var(--vscode-errorForeground, var(--vscode-charts-red)); }
.warn { color: var(--vscode-editorWarning-foreground, var(--vscode-charts-yellow)); }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 10px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
${options.style ?? ''}
</style>
</head>
<body>
${options.body}
${options.script ? `<script nonce="${nonce}">${options.script}</script>` : ''}
</body>
</html>`;
}
