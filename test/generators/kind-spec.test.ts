// A kind spec is refused before anything is written, naming the spec file, the line:column and
// the key path of what is wrong. Each row breaks Kapacitor's hipchat spec in one place.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKindSpec } from '../../generators/kind/load.js';

const file = 'generators/catalogue/hipchat.yaml';
const hipchat = readFileSync(path.join(import.meta.dirname, '..', '..', file), 'utf8');

/** hipchat.yaml with `from` replaced by `to` (which must occur in it). */
function broken(from: string, to: string): string {
  expect(hipchat).toContain(from);
  return hipchat.replace(from, to);
}

describe('a kind spec', () => {
  it("accepts Kapacitor's hipchat spec as committed", () => {
    expect(parseKindSpec(hipchat, file).kind).toBe('hipchat');
  });

  type Row = [what: string, text: () => string, error: string | RegExp];
  const rows: Row[] = [
    ['an unknown top-level key', () => `${hipchat}colour: red\n`, /^generators\/catalogue\/hipchat\.yaml:\d+:\d+: colour: unknown key$/],
    ['a misspelt key', () => broken("{ name: room, type: string, description: 'Default room (name or ID)' }", "{ name: room, type: string, descripton: 'x' }"), /:\d+:\d+: config\.fields\[3\]\.descripton: unknown key$/],
    ['an unknown type', () => broken('type: url,', 'type: uri,'), /: config\.fields\[1\]\.type: Invalid option: expected one of "string"\|/],
    ['a default of the wrong type', () => broken('{ name: enabled, type: bool,', "{ name: enabled, type: bool, default: 'yes',"), /: config\.fields\[0\]\.default: "yes" is not a bool$/],
    ['a body value naming no event field', () => broken('message: event.message', 'message: event.mesage'), /: requests\[0\]\.body\.value\.message: event\.mesage: no such event field \(fields: id, message, /],
    ['a URL naming no option', () => broken('options.room,', 'options.rooms,'), /: requests\[0\]\.url: options\.rooms: no such option \(room, token\)/],
    ['a URL naming no config field', () => broken('config.url', 'config.uri'), /: requests\[0\]\.url: config\.uri: no such config field \(enabled, url, token, room, global, stateChangesOnly\)/],
    ['a body value naming no level table', () => broken('color: levels.color', 'color: levels.colour'), /: requests\[0\]\.body\.value\.color: levels\.colour: no such level table \(color\)/],
    ['a level map missing a level', () => broken('WARNING: yellow, ', ''), /:\d+:\d+: levels\.color\.WARNING: missing: every level needs a value \(OK, INFO, WARNING, CRITICAL\)$/],
    ['a level map with a level Kapacitor has not', () => broken('WARNING: yellow, ', 'WARNING: yellow, NOTICE: blue, '), /:\d+:\d+: levels\.color\.NOTICE: unknown key$/],
    ['a call of an unknown function', () => broken('queryEscape(options.token)', 'escape(options.token)'), /: requests\[0\]\.url: unknown function "escape" \(helpers: joinURL, /],
    ['code that is not an expression of the language', () => broken(`from: "'kapacitor'"`, 'from: "process.exit(1)"'), /: requests\[0\]\.body\.value\.from: unknown function "process\.exit"/],
    // Plain quoted strings skip the parser (generators/kind/expr.ts): these only look like one.
    ['two strings run together', () => broken(`from: "'kapacitor'"`, `from: "'kap'acitor'"`), /: requests\[0\]\.body\.value\.from: not an expression: '\)' expected\. \(in `'kap'acitor'`\)$/],
    ['an unterminated string', () => broken(`from: "'kapacitor'"`, `from: "'kapacitor"`), /: requests\[0\]\.body\.value\.from: not an expression: Unterminated string literal\./],
    ['a success status that is not HTTP', () => broken('success: [200, 204]', 'success: [200, 704]'), /: requests\[0\]\.success\[1\]: Too big: expected number to be <=599$/],
    ['text that is not YAML', () => broken('kind: hipchat', 'kind: [hipchat'), /^generators\/catalogue\/hipchat\.yaml:\d+:\d+: not YAML: /],
  ]; // prettier-ignore

  it.each(rows)('refuses %s, naming the file, line and key path', (_what, text, error) => {
    expect(() => parseKindSpec(text(), file)).toThrow(error);
  });

  it('refuses a JSON spec that does not parse, naming the file', () => {
    expect(() => parseKindSpec('{"kind": ', 'my.json')).toThrow(/^my\.json: not JSON: /);
  });
});
