import { ErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import type { Workspace } from './workspace';

/**
 * Every request handler runs behind this guard: malformed params get the protocol's InvalidParams
 * error, a request cancelled before it ran gets RequestCancelled, and a failure inside a feature is
 * logged once and answered with the feature's "nothing here" instead of an internal error.
 */
export function guarded<P, R>(workspace: Workspace, name: string, shape: Shape, handler: (params: P, token?: CancellationToken) => R, nothing: R) {
  return (params: unknown, token?: CancellationToken): R | ResponseError<void> => {
    const problem = shape(params, 'params');
    if (problem) return new ResponseError(ErrorCodes.InvalidParams, `${name}: ${problem}`);
    if (token?.isCancellationRequested) return new ResponseError(LSP_REQUEST_CANCELLED, `${name}: cancelled`);
    try {
      return handler(params as P, token);
    } catch (error) {
      workspace.connection.console.error(`${name} failed: ${(error as Error)?.stack ?? error}`);
      return nothing;
    }
  };
}

/** LSP's RequestCancelled (-32800). */
const LSP_REQUEST_CANCELLED = -32800;

/** Checks a value; answers what is wrong with it, or undefined. */
export type Shape = (value: unknown, at: string) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const anything: Shape = () => undefined;

export const string: Shape = (v, at) => (typeof v === 'string' ? undefined : `${at} must be a string`);

export const finiteNumber: Shape = (v, at) => (typeof v === 'number' && Number.isFinite(v) ? undefined : `${at} must be a finite number`);

const uinteger: Shape = (v, at) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 2 ** 31 - 1 ? undefined : `${at} must be a non-negative integer`);

export const array: Shape = (v, at) => (Array.isArray(v) ? undefined : `${at} must be an array`);

export function object(fields: Record<string, Shape>, optional: Record<string, Shape> = {}): Shape {
  return (v, at) => {
    if (!isObject(v)) return `${at} must be an object`;
    for (const [k, shape] of Object.entries(fields)) {
      const problem = shape(v[k], `${at}.${k}`);
      if (problem) return problem;
    }
    for (const [k, shape] of Object.entries(optional)) {
      if (v[k] === undefined || v[k] === null) continue;
      const problem = shape(v[k], `${at}.${k}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

export const position = object({ line: uinteger, character: uinteger });
export const range = object({ start: position, end: position });
export const textDocument = object({ uri: string });

export const documentParams = object({ textDocument });
export const positionParams = object({ textDocument, position });
