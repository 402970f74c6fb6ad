// Entry of dist/worker.js: the language server's second thread for the first check of large files.
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { serveJobs } from './lsp/diagnosticsWorker';

if (parentPort) serveJobs(parentPort, (workerData as { port: MessagePort }).port);
