// Errors raised by the embedded store. They are CondenserErrors with status 500: a store
// failure is never the client's fault, and the HTTP layer maps them like any other error.

import { CondenserError } from '../common/errors.js';

/** A row whose stored content cannot be decoded (bad JSON, wrong shape, out-of-range value). */
export class StoreCorruptionError extends CondenserError {
  readonly table: string;
  readonly key: string;
  readonly column: string;
  readonly reason: string;
  constructor(table: string, key: string, column: string, reason: string, cause?: unknown) {
    super(
      'store_corrupt_row',
      `corrupt row in table ${table} (${key}): column ${column}: ${reason}`,
      500,
      { cause },
    );
    this.name = 'StoreCorruptionError';
    this.table = table;
    this.key = key;
    this.column = column;
    this.reason = reason;
  }
}

/** A value the store refuses to write (it could not be read back as written). */
export class StoreValueError extends CondenserError {
  constructor(table: string, key: string, column: string, reason: string, cause?: unknown) {
    super('store_invalid_value', `cannot store ${table} (${key}): ${column} ${reason}`, 500, {
      cause,
    });
    this.name = 'StoreValueError';
  }
}

/** The database was written by a newer Condenser whose schema this code does not know. */
export class StoreVersionError extends CondenserError {
  readonly found: number;
  readonly supported: number;
  constructor(file: string, found: number, supported: number) {
    super(
      'store_version_too_new',
      `database ${file} has schema version ${found}, but this Condenser supports versions up to ` +
        `${supported}; upgrade Condenser or point it at another data directory`,
      500,
    );
    this.name = 'StoreVersionError';
    this.found = found;
    this.supported = supported;
  }
}

/** The file under the data directory is not a SQLite database (or is damaged beyond reading). */
export class StoreFileError extends CondenserError {
  constructor(file: string, reason: string, cause?: unknown) {
    super(
      'store_file_unreadable',
      `cannot open the store ${file}: ${reason}; move the file aside (a new store is created ` +
        `in its place) or point [storage] dir at another directory`,
      500,
      { cause },
    );
    this.name = 'StoreFileError';
  }
}

/** Another process holds the data directory (see dir-lock.ts). */
export class DataDirLockedError extends CondenserError {
  readonly dir: string;
  readonly holder: string;
  constructor(dir: string, holder: string) {
    super(
      'data_dir_locked',
      `data directory ${dir} is in use by another condenser host (${holder}); stop that host ` +
        `or set another [storage] dir`,
      500,
    );
    this.name = 'DataDirLockedError';
    this.dir = dir;
    this.holder = holder;
  }
}
