// Reading a kapacitor.conf-style TOML file: a missing or unreadable file and a syntax error
// are ConfigErrors naming the file (and the line and column).

import { readFileSync } from 'node:fs';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { RawTable } from './env.js';
import { ConfigError } from './section.js';

export function readTomlFile(path: string): RawTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(
      '',
      code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? 'error'})`,
      path,
    );
  }
  try {
    return parseToml(text) as RawTable;
  } catch (err) {
    if (err instanceof TomlError) {
      const first = err.message.split('\n')[0] ?? err.message;
      throw new ConfigError(
        `line ${err.line}, column ${err.column}`,
        `invalid TOML: ${first.replace(/^Invalid TOML document: /, '')}`,
        path,
      );
    }
    throw err;
  }
}
