/**
 * Lookups in plain-object tables by a key that comes from the user's YAML. `table[key]` and `key in
 * table` also see Object.prototype (`constructor`, `__proto__`, `toString`…); these do not.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string | undefined | null): T | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

export function hasOwn(table: object, key: string | undefined | null): boolean {
  return typeof key === 'string' && Object.hasOwn(table, key);
}

/** Sets a key as an own property, even `__proto__` (which plain assignment turns into a prototype change). */
export function setOwn<T>(table: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(table, key, { value, enumerable: true, writable: true, configurable: true });
  else table[key] = value;
}
