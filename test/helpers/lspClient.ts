import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER = resolve(__dirname, '../../dist/server.js');

/** A minimal LSP client that starts the built server over stdio, as any editor would. */
export class LspTestClient {
  readonly process: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  private readonly waiters: Array<{ uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  stderr = '';
  /** Called with every publishDiagnostics, in order (the connection takes one handler per method). */
  readonly diagnosticsListeners: Array<(p: PublishDiagnosticsParams) => void> = [];
  initializeResult?: InitializeResult;

  /** `server` and `env` start another build of the server or set its environment (worker tests). */
  constructor(args: string[] = ['--stdio'], options: { server?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.process = spawn(process.execPath, [options.server ?? SERVER, ...args], { stdio: 'pipe', env: options.env ?? process.env });
    this.process.stderr.on('data', (d) => (this.stderr += d));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      for (const listener of this.diagnosticsListeners) listener(p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.test(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  /** What `workspace/configuration` answers for the `workloadLens` section. */
  settings: unknown = {};

  async initialize(capabilities: Record<string, unknown> = { workspace: { configuration: true } }, initializationOptions?: unknown): Promise<InitializeResult> {
    this.initializeResult = await this.connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities, initializationOptions });
    await this.connection.sendNotification('initialized', {});
    return this.initializeResult;
  }

  open(uri: string, text: string, version = 1, languageId = 'yaml'): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: Array<{ range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }>): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /**
   * Resolves with the next diagnostics published for `uri` (optionally for a given version, and
   * optionally the first set `accept` takes: a large file's documents in view are published first).
   */
  nextDiagnostics(uri: string, version?: number, timeoutMs = 10000, accept?: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return new Promise((resolvePromise, reject) => {
      const waiter = {
        uri,
        test: (p: PublishDiagnosticsParams) => (version === undefined || p.version === version) && (!accept || accept(p.diagnostics)),
        resolve: (p: PublishDiagnosticsParams) => {
          clearTimeout(timer);
          resolvePromise(p.diagnostics);
        },
      };
      const timer = setTimeout(() => {
        // A waiter that timed out is dropped (long fuzz runs would otherwise pile them up).
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms; stderr: ${this.stderr}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((r) => this.process.once('exit', (code) => r(code)));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    this.process.kill();
  }
}

/** Splits a text with one `|` caret into the text without it and the caret's position. */
export function caret(textWithCaret: string, marker = '|'): { text: string; line: number; character: number; offset: number } {
  const offset = textWithCaret.indexOf(marker);
  if (offset < 0) throw new Error('no caret marker in test text');
  const text = textWithCaret.slice(0, offset) + textWithCaret.slice(offset + marker.length);
  const before = text.slice(0, offset).split('\n');
  return { text, line: before.length - 1, character: before[before.length - 1].length, offset };
}
