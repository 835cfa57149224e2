// Records keyed by names a user chooses (TICKscript variables, functions, fields, tags, task
// vars): a look-up must see only what the record itself holds, never a member inherited from
// Object.prototype (`toString`, `constructor`, ...), and an assignment must keep `__proto__`
// as an ordinary key instead of changing the record's prototype.

/** The value stored under `key` in `record` itself, or undefined. */
export function own<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets `record[key]` as an own property, `__proto__` included (plain assignment drops it). */
export function setOwn<V>(record: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    record[key] = value;
  }
}
