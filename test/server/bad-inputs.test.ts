// One table of bad API input: each row's exact status and message. Nothing a bad request
// touches may be lost: the handler created first must still be there at the end.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../helpers/host.js';
import { installedKinds } from '../helpers/installed.js';

let host: Host;
beforeAll(async () => {
  host = await startHost({ http: { 'max-body-size': 2048 } });
  const created = await host.api('POST', '/kapacitor/v1/alerts/topics/cpu/handlers', {
    id: 'existing',
    kind: 'log',
    options: { path: '/tmp/condenser-existing.log' },
  });
  expect(created.status).toBe(200);
});
afterAll(async () => {
  await host.stop();
});

const topics = '/kapacitor/v1/alerts/topics';
const handlers = `${topics}/cpu/handlers`;
const postOptions = 'url, endpoint, headers, capture-response, timeout, skip-ssl-verification';

type Row = [
  name: string,
  method: string,
  path: string,
  body: unknown,
  status: number,
  message: string,
];

const rows: Row[] = [
  [
    'malformed JSON',
    'POST',
    handlers,
    '{',
    400,
    'invalid handler json: unexpected end of input at line 1, column 2, expected a string',
  ],
  [
    'JSON error located on line 2',
    'POST',
    handlers,
    '{\n  "id": x\n}',
    400,
    'invalid handler json: unexpected character "x" at line 2, column 9, expected a value',
  ],
  ['empty body', 'POST', handlers, '', 400, 'invalid handler json: empty body'],
  [
    'body is not an object',
    'POST',
    handlers,
    '[]',
    400,
    'invalid handler json: expected a JSON object',
  ],
  [
    'unknown field',
    'POST',
    handlers,
    { id: 'a', kind: 'log', opts: {} },
    400,
    'invalid handler json: unknown field "opts"',
  ],
  [
    'id of the wrong type',
    'POST',
    handlers,
    { id: 5, kind: 'log' },
    400,
    'invalid handler json: field "id" must be a string',
  ],
  [
    'options not an object',
    'POST',
    handlers,
    { id: 'a', kind: 'log', options: [1] },
    400,
    'invalid handler json: field "options" must be an object',
  ],
  [
    'id with a space',
    'POST',
    handlers,
    { id: 'a b', kind: 'log' },
    400,
    `invalid handler spec: handler ID must contain only letters, numbers, '-', '.' and '_'. "a b"`,
  ],
  [
    'empty id',
    'POST',
    handlers,
    { kind: 'log' },
    400,
    `invalid handler spec: handler ID must contain only letters, numbers, '-', '.' and '_'. ""`,
  ],
  [
    'empty kind',
    'POST',
    handlers,
    { id: 'a' },
    400,
    'invalid handler spec: handler Kind must not be empty',
  ],
  [
    'unknown kind',
    'POST',
    handlers,
    { id: 'a', kind: 'slak' },
    400,
    `failed to create handler: unsupported action kind "slak" (known kinds: ${installedKinds.join(', ')})`,
  ],
  [
    'unknown option',
    'POST',
    handlers,
    { id: 'a', kind: 'post', options: { urll: 'http://x' } },
    400,
    `failed to create handler: invalid options for kind "post": option "urll": unknown option (valid options: ${postOptions})`,
  ],
  [
    'duration as a string',
    'POST',
    handlers,
    { id: 'a', kind: 'post', options: { url: 'http://x', timeout: '1m' } },
    400,
    'failed to create handler: invalid options for kind "post": option "timeout": expected an integer number of nanoseconds (10s = 10000000000), got string "1m"',
  ],
  [
    'boolean as a string',
    'POST',
    handlers,
    { id: 'a', kind: 'post', options: { url: 'http://x', 'capture-response': 'yes' } },
    400,
    'failed to create handler: invalid options for kind "post": option "capture-response": expected a boolean (true or false), got string "yes"',
  ],
  [
    'relative log path',
    'POST',
    handlers,
    { id: 'a', kind: 'log', options: { path: 'x.log' } },
    400,
    'failed to create handler: invalid options for kind "log": option "path": must be an absolute path, got "x.log"',
  ],
  [
    'log mode without owner write',
    'POST',
    handlers,
    { id: 'a', kind: 'log', options: { path: '/tmp/a.log', mode: 292 } },
    400,
    'failed to create handler: invalid options for kind "log": option "mode": must include owner write (0200), got 0444',
  ],
  [
    'post without url or endpoint',
    'POST',
    handlers,
    { id: 'a', kind: 'post' },
    400,
    'failed to create handler: invalid options for kind "post": option "url": url or endpoint is required',
  ],
  [
    'tcp address without port',
    'POST',
    handlers,
    { id: 'a', kind: 'tcp', options: { address: 'localhost' } },
    400,
    'failed to create handler: invalid options for kind "tcp": option "address": must be host:port (IPv6 as [::1]:port), got "localhost"',
  ],
  [
    'bad match expression',
    'POST',
    handlers,
    { id: 'a', kind: 'log', options: { path: '/tmp/a.log' }, match: 'level() >' },
    400,
    'MATCH_ERROR',
  ],
  [
    'duplicate id',
    'POST',
    handlers,
    { id: 'existing', kind: 'log', options: { path: '/tmp/b.log' } },
    409,
    'failed to create handler: cannot register handler, handler with ID "existing" already exists',
  ],
  [
    'bad topic id',
    'POST',
    `${topics}/bad%20topic/handlers`,
    { id: 'a', kind: 'log', options: { path: '/tmp/a.log' } },
    400,
    'invalid topic ID "bad topic"',
  ],
  ['unknown topic', 'GET', `${topics}/nope`, undefined, 404, 'unknown topic: "nope"'],
  [
    'unknown topic events',
    'GET',
    `${topics}/nope/events`,
    undefined,
    404,
    'failed to get topic events: unknown topic "nope"',
  ],
  ['unknown handler', 'GET', `${handlers}/nope`, undefined, 404, 'unknown handler: "nope"'],
  [
    'PUT of an unknown handler',
    'PUT',
    `${handlers}/nope`,
    { id: 'nope', kind: 'log' },
    404,
    'unknown handler: "nope"',
  ],
  [
    'patch that is not a list',
    'PATCH',
    `${handlers}/existing`,
    {},
    400,
    'failed to apply patch: a JSON patch must be an array of operations',
  ],
  [
    'patch of a missing path',
    'PATCH',
    `${handlers}/existing`,
    [{ op: 'remove', path: '/options/nope' }],
    400,
    'failed to apply patch: path "/options/nope" does not exist',
  ],
  [
    'patch that moves the topic',
    'PATCH',
    `${handlers}/existing`,
    [{ op: 'replace', path: '/topic', value: 'mem' }],
    400,
    'cannot change topic in update',
  ],
  [
    'unknown min-level',
    'GET',
    `${topics}?min-level=LOUD`,
    undefined,
    400,
    "unknown alert level 'LOUD'",
  ],
  [
    'malformed pattern',
    'GET',
    `${topics}?pattern=%5B`,
    undefined,
    400,
    'invalid pattern: syntax error in pattern: "["',
  ],
  [
    'oversized body',
    'POST',
    handlers,
    { id: 'big', kind: 'log', options: { path: `/tmp/${'x'.repeat(3000)}` } },
    413,
    'request body too large: limit is 2048 bytes ([http] max-body-size)',
  ],
  [
    'config: unknown option',
    'POST',
    '/kapacitor/v1/config/httppost/example',
    { set: { nope: 1 } },
    400,
    'unknown option "nope" in section "httppost" (valid options: endpoint, url, headers, basic-auth, alert-template, alert-template-file, row-template, row-template-file)',
  ],
  [
    'config: mistyped value',
    'POST',
    '/kapacitor/v1/config/httppost/example',
    { set: { headers: 'x' } },
    400,
    'invalid value: httppost[example].headers: expected a table, got string "x"',
  ],
  [
    'config: set without element',
    'POST',
    '/kapacitor/v1/config/httppost',
    { set: { url: 'http://x' } },
    400,
    "element not specified, are you missing a trailing '/'?",
  ],
  [
    'config: add without its key',
    'POST',
    '/kapacitor/v1/config/httppost',
    { add: { url: 'http://x' } },
    400,
    'missing key "endpoint" in "add" map',
  ],
  [
    'config: set and add together',
    'POST',
    '/kapacitor/v1/config/httppost/example',
    { set: { url: 'http://x' }, add: { endpoint: 'b' } },
    400,
    'cannot combine set/delete with add/remove in one request',
  ],
  [
    'config: unknown section',
    'GET',
    '/kapacitor/v1/config/nope',
    undefined,
    404,
    'unknown section: nope',
  ],
  [
    'config: unknown element',
    'GET',
    '/kapacitor/v1/config/httppost/nope',
    undefined,
    404,
    'unknown section/element: httppost/nope',
  ],
  [
    'config: trailing slash',
    'GET',
    '/kapacitor/v1/config/',
    undefined,
    400,
    "section not specified, do you have an extra trailing '/'?",
  ],
  [
    'service test: bad JSON',
    'POST',
    '/kapacitor/v1/service-tests/httppost',
    '{"url":',
    400,
    'failed to decode JSON body:unexpected end of input at line 1, column 8, expected a value',
  ],
  [
    'service test: unknown option',
    'POST',
    '/kapacitor/v1/service-tests/httppost',
    { urll: 'x' },
    400,
    'failed to decode JSON body: invalid options for kind "httppost": option "urll": unknown option (valid options: endpoint, url, headers, timeout)',
  ],
  [
    'service test: unknown service',
    'POST',
    '/kapacitor/v1/service-tests/nope',
    {},
    404,
    'service "nope" not found',
  ],
  ['unknown route', 'GET', '/kapacitor/v1/nope', undefined, 404, 'Not Found'],
];

describe('bad API input', () => {
  it('has at least 25 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(25);
  });

  it.each(rows)('%s', async (_name, method, path, body, status, message) => {
    const res = await host.api(method, path, body);
    expect(res.status).toBe(status);
    const json = res.json as { error: string; message: string };
    if (message === 'MATCH_ERROR') {
      expect(json.error).toMatch(/^failed to create handler: invalid match expression: /);
    } else {
      expect(json).toEqual({ error: message, message });
    }
    expect(res.text).toBe(JSON.stringify({ error: json.error, message: json.message }, null, 4));
  });

  it('lost nothing already stored', async () => {
    const res = await host.api('GET', handlers);
    expect((res.json as { handlers: Array<{ id: string; options: unknown }> }).handlers).toEqual([
      expect.objectContaining({ id: 'existing', options: { path: '/tmp/condenser-existing.log' } }),
    ]);
    const cfg = await host.api('GET', '/kapacitor/v1/config/httppost/example');
    expect((cfg.json as { options: { url: string } }).options.url).toBe('http://example.com');
  });
});
