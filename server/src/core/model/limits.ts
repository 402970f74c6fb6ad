/** Largest text we check; beyond it the user gets one clear diagnostic instead of a long stall. */
export const MAX_CHECKED_CHARS = 5 * 1024 * 1024;

export interface Unreadable {
  code: 'file-too-large' | 'not-text';
  message: string;
}

/** Files (and nodes files) larger than this many bytes are refused before they are read. */
export const MAX_READ_BYTES = 3 * MAX_CHECKED_CHARS;

export function tooLarge(size: number, unit: 'chars' | 'bytes' = 'chars'): Unreadable {
  const mib = (size / 1024 / 1024).toFixed(1);
  return { code: 'file-too-large', message: `This file is ${mib} MiB${unit === 'bytes' ? ' on disk' : ''}; Workload Lens checks files up to ${MAX_CHECKED_CHARS / 1024 / 1024} MiB. Split it into smaller files to check it.` };
}

/** Binary data and oversized files are refused with a reason instead of being parsed. */
export function describeUnreadable(text: string): Unreadable | undefined {
  if (text.length > MAX_CHECKED_CHARS) return tooLarge(text.length);
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000') || /[\u0001-\u0008\u000e-\u001a]{4}/.test(sample) || (sample.match(/\uFFFD/g)?.length ?? 0) > 8) {
    return { code: 'not-text', message: 'This file holds binary data, not YAML text; nothing was checked.' };
  }
  return undefined;
}
