// Handler files (spec/http-api.md §4.6): YAML (.yaml/.yml) or JSON (.json) holding
// {topic, id, kind, options, match}, as `define-topic-handler` and the console's import read
// them. Unlike Kapacitor, which reads any other extension as an empty spec and sends it, every
// problem is reported with the file name and (for syntax errors) line:column, before anything
// reaches the server. No Node APIs here: the console bundles this module.

import { LineCounter, parseDocument } from 'yaml';
import { CondenserError, errorMessage } from '../common/errors.js';
import { parseJSON } from '../common/json-syntax.js';

/** What define-topic-handler sends (the server ignores `topic` in the body; the path wins). */
export interface HandlerSpec {
  topic: string;
  id: string;
  kind: string;
  options: Record<string, unknown> | null;
  match: string;
}

export class HandlerFileError extends CondenserError {
  constructor(file: string, problem: string) {
    super('handler_file', `${file}: ${problem}`, 400);
    this.name = 'HandlerFileError';
  }
}

export type HandlerFileFormat = 'yaml' | 'json';

const formats: Record<string, HandlerFileFormat> = { yaml: 'yaml', yml: 'yaml', json: 'json' };

/** The format a file name says (`.yaml`, `.yml`, `.json`), or a HandlerFileError. */
export function handlerFileFormat(file: string): HandlerFileFormat {
  const dot = file.lastIndexOf('.');
  const format = dot < 0 ? undefined : formats[file.slice(dot + 1).toLowerCase()];
  if (!format) {
    throw new HandlerFileError(
      file,
      'unsupported file type: a handler file must end in .yaml, .yml or .json',
    );
  }
  return format;
}
const keys = ['topic', 'id', 'kind', 'options', 'match'];

/** Parse and check the text of a handler file; `file` only names it in messages. */
export function parseHandlerSpec(
  text: string,
  format: HandlerFileFormat,
  file: string,
): HandlerSpec {
  const body = format === 'json' ? parseJSONFile(text, file) : parseYAMLFile(text, file);
  return checkSpec(body, file);
}

function parseJSONFile(text: string, file: string): unknown {
  try {
    return parseJSON(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new HandlerFileError(file, `invalid JSON: ${errorMessage(err)}`);
  }
}

function parseYAMLFile(text: string, file: string): unknown {
  // Plain messages (pretty ones quote the source over several lines), located separately.
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter: lines });
  const first = doc.errors[0];
  if (first) {
    const pos = lines.linePos(first.pos[0]);
    const at = `line ${pos.line}, column ${pos.col}: `;
    throw new HandlerFileError(file, `invalid YAML: ${at}${oneLine(first.message)}`);
  }
  try {
    return doc.toJS();
  } catch (err) {
    // e.g. an alias to an anchor that does not exist
    throw new HandlerFileError(file, `invalid YAML: ${oneLine(errorMessage(err))}`);
  }
}

function checkSpec(body: unknown, file: string): HandlerSpec {
  if (!isRecord(body)) {
    throw new HandlerFileError(
      file,
      `expected a mapping with keys ${keys.join(', ')}; got ${describe(body)}`,
    );
  }
  // The server rejects unknown fields too; saying so here names the file and lists the keys.
  for (const key of Object.keys(body)) {
    if (!keys.includes(key)) {
      throw new HandlerFileError(
        file,
        `unknown key ${JSON.stringify(key)} (expected ${keys.join(', ')})`,
      );
    }
  }
  const required = (key: 'topic' | 'id' | 'kind'): string => {
    const v = body[key];
    if (v === undefined || v === null || v === '')
      throw new HandlerFileError(file, `missing "${key}"`);
    if (typeof v !== 'string')
      throw new HandlerFileError(file, `"${key}" must be a string, got ${describe(v)}`);
    return v;
  };
  const topic = required('topic');
  const id = required('id');
  const kind = required('kind');
  const match = body.match ?? '';
  if (typeof match !== 'string')
    throw new HandlerFileError(file, `"match" must be a string, got ${describe(match)}`);
  const options = body.options ?? null;
  if (options !== null && !isRecord(options)) {
    throw new HandlerFileError(
      file,
      `"options" must be a mapping of option names to values, got ${describe(options)}`,
    );
  }
  return { topic, id, kind, options, match };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map);
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
