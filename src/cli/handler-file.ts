// define-topic-handler's file: read it and parse it with the shared handler-file rules.

import { readFileSync } from 'node:fs';
import {
  HandlerFileError,
  handlerFileFormat,
  parseHandlerSpec,
  type HandlerSpec,
} from '../alert/handler-file.js';
import { readFailure } from './input-file.js';

export { HandlerFileError, parseHandlerSpec };

export function readHandlerFile(file: string): HandlerSpec {
  const format = handlerFileFormat(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new HandlerFileError(file, `cannot read: ${readFailure(err)}`);
  }
  return parseHandlerSpec(text, format, file);
}
