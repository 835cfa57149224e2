// Reading the files a verb is given (handler files, TICKscripts, vars files): a failure
// names the file and says why in a few words, never with a stack or an errno dump.

import { readFileSync } from 'node:fs';
import { CondenserError, errorMessage } from '../common/errors.js';

/** A file the command line named cannot be read or does not hold what it should. */
export class InputFileError extends CondenserError {
  constructor(file: string, problem: string) {
    super('input_file', `${file}: ${problem}`, 400);
    this.name = 'InputFileError';
  }
}

/** The file's text (UTF-8); throws InputFileError naming the file. */
export function readInputFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputFileError(file, `cannot read: ${readFailure(err)}`);
  }
}

export function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
  }
  return errorMessage(err)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
