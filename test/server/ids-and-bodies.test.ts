// Ids and bodies the API refuses beyond Kapacitor's character rules: `.` and `..`, ids over
// 256 bytes (without echoing them), a handler body naming another topic than its URL, and
// credentials passed as `?u=&p=` that must never come back in a link, an error or a log.

import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ID_BYTES } from '../../src/alert/ids.js';
import { startHost, type Host } from '../helpers/host.js';

let host: Host;
beforeAll(async () => {
  host = await startHost();
  const created = await host.api('POST', `${topics}/cpu/handlers`, {
    id: 'keep',
    kind: 'log',
    options: { path: '/tmp/condenser-ids.log' },
  });
  expect(created.status, created.text).toBe(200);
});
afterAll(async () => {
  await host.stop();
});

const topics = '/kapacitor/v1/alerts/topics';
const tasks = '/kapacitor/v1/tasks';
const script = `dbrp "db"."rp"\nstream|from()|httpOut('out')`;
const megabyteId = 'x'.repeat(1024 * 1024);
/** 257 bytes in 129 characters: the limit counts UTF-8 bytes. */
const longMultibyte = 'é'.repeat(128) + 'x';

function errorOf(res: { json: unknown }): string {
  return (res.json as { error: string }).error;
}

/** A POST with the path sent exactly as given (fetch would resolve `.` and `..` segments). */
function postRaw(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(host.url + '/', { method: 'POST', path }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('handler, topic and task ids', () => {
  it.each([
    ['.', 'must not be "." or ".."'],
    ['..', 'must not be "." or ".."'],
    [megabyteId, `is ${1024 * 1024} bytes long, the limit is ${MAX_ID_BYTES} bytes`],
    [longMultibyte, `is 257 bytes long, the limit is ${MAX_ID_BYTES} bytes`],
  ])('handler id %# is refused', async (id, why) => {
    const res = await host.api('POST', `${topics}/cpu/handlers`, { id, kind: 'log' });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toBe(`invalid handler spec: handler ID ${why}`);
    expect(res.text.length).toBeLessThan(500); // the id is not echoed back
  });

  it('an id of exactly 256 bytes is fine, and a PUT cannot rename a handler to ".."', async () => {
    const id = 'é'.repeat(128);
    expect(Buffer.byteLength(id)).toBe(MAX_ID_BYTES);
    const res = await host.api('POST', `${topics}/cpu/handlers`, {
      id,
      kind: 'log',
      options: { path: '/tmp/condenser-ids-256.log' },
    });
    expect(res.status, res.text).toBe(200);
    const renamed = await host.api('PUT', `${topics}/cpu/handlers/${encodeURIComponent(id)}`, {
      id: '..',
      kind: 'log',
      options: { path: '/tmp/condenser-ids-256.log' },
    });
    expect(renamed.status).toBe(400);
    expect(errorOf(renamed)).toBe('invalid handler spec: handler ID must not be "." or ".."');
  });

  it.each([
    ['.', 'invalid topic ID: must not be "." or ".."'],
    ['..', 'invalid topic ID: must not be "." or ".."'],
    ['t'.repeat(300), `invalid topic ID: is 300 bytes long, the limit is ${MAX_ID_BYTES} bytes`],
  ])('topic id %# is refused', async (topic, message) => {
    const res = await postRaw(`${topics}/${topic}/handlers`, { id: 'h', kind: 'log' });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toBe(message);
  });

  it.each([
    ['.', 'task ID must not be "." or ".."'],
    ['..', 'task ID must not be "." or ".."'],
    [megabyteId, `task ID is ${1024 * 1024} bytes long, the limit is ${MAX_ID_BYTES} bytes`],
  ])('task id %# is refused', async (id, message) => {
    const res = await host.api('POST', tasks, { id, script });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toBe(message);
    expect(res.text.length).toBeLessThan(500);
  });

  it("a TICKscript .topic('..') or a 300-byte topic is refused when the task is defined", async () => {
    for (const [topic, why] of [
      ['..', 'must not be "." or ".."'],
      ['t'.repeat(300), `is 300 bytes long, the limit is ${MAX_ID_BYTES} bytes`],
    ]) {
      const res = await host.api('POST', tasks, {
        id: 'topic-task',
        script: `dbrp "db"."rp"\nstream|from()|alert().crit(lambda: TRUE).topic('${topic}')`,
      });
      expect(res.status).toBe(400);
      expect(errorOf(res)).toContain(`invalid topic ID: ${why}`);
    }
  });

  it('a config element added as ".." or with a 300-byte name is refused', async () => {
    for (const [name, why] of [
      ['..', '"endpoint" in "add" map: must not be "." or ".."'],
      ['e'.repeat(300), `"endpoint" in "add" map: is 300 bytes long, the limit is 256 bytes`],
      [
        'a b',
        `"endpoint" in "add" map: "a b" must contain only letters, numbers, '_', '-' and '+'`,
      ],
    ]) {
      const res = await host.api('POST', '/kapacitor/v1/config/httppost', {
        add: { endpoint: name, url: 'http://127.0.0.1:1/' },
      });
      expect(res.status).toBe(400);
      expect(errorOf(res)).toBe(`invalid ${why}`);
    }
  });
});

describe('handler bodies', () => {
  it('PUT with a topic that differs from the URL is refused and changes nothing', async () => {
    const res = await host.api('PUT', `${topics}/cpu/handlers/keep`, {
      id: 'keep',
      topic: 'mem',
      kind: 'log',
      options: { path: '/tmp/condenser-ids-other.log' },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toBe(
      'cannot change topic in update: the body names topic "mem", the URL "cpu"',
    );
    const kept = await host.api('GET', `${topics}/cpu/handlers/keep`);
    expect((kept.json as { options: unknown }).options).toEqual({
      path: '/tmp/condenser-ids.log',
    });
    expect((await host.api('GET', `${topics}/mem/handlers/keep`)).status).toBe(404);
  });

  it('PUT and POST with the URL topic in the body are fine', async () => {
    const put = await host.api('PUT', `${topics}/cpu/handlers/keep`, {
      id: 'keep',
      topic: 'cpu',
      kind: 'log',
      options: { path: '/tmp/condenser-ids.log' },
    });
    expect(put.status, put.text).toBe(200);
    const post = await host.api('POST', `${topics}/cpu/handlers`, {
      id: 'same-topic',
      topic: 'cpu',
      kind: 'log',
      options: { path: '/tmp/condenser-ids.log' },
    });
    expect(post.status, post.text).toBe(200);
  });

  it('POST with a topic that differs from the URL is refused', async () => {
    const res = await host.api('POST', `${topics}/cpu/handlers`, {
      id: 'moved',
      topic: 'mem',
      kind: 'log',
    });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toBe(
      'invalid handler json: field "topic" is "mem", but the handler is posted to topic "cpu"',
    );
  });
});

describe('credentials in the query', () => {
  const secret = 'S3cret-pw';
  const creds = `u=admin&p=${secret}`;

  it('links echo the request URI without u and p, other parameters kept as sent', async () => {
    const list = await host.api('GET', `${topics}?${creds}&pattern=c%2A`);
    expect((list.json as { link: { href: string } }).link.href).toBe(`${topics}?pattern=c%2A`);
    const handlers = await host.api('GET', `${topics}/cpu/handlers?p=${secret}&u=admin`);
    expect((handlers.json as { link: { href: string } }).link.href).toBe(`${topics}/cpu/handlers`);
    const encoded = await host.api('GET', `${topics}?%75=admin&%70=${secret}`);
    expect((encoded.json as { link: { href: string } }).link.href).toBe(topics);
  });

  it('no answer and no log line carries them, bad URLs and long ids included', async () => {
    const paths = [
      topics,
      `${topics}/cpu/handlers`,
      `${topics}/%ZZ/handlers`,
      `${tasks}/${'x'.repeat(2000)}`,
      `${topics}/nope/events`,
      '/kapacitor/v1/nope',
      '/kapacitor/v1/config/httppost/example',
      '/kapacitor/v1/service-tests',
      '/kapacitor/v1/write?db=x',
    ];
    for (const path of paths) {
      for (const method of ['GET', 'POST']) {
        const url = `${path}${path.includes('?') ? '&' : '?'}${creds}`;
        const res = await host.api(method, url, method === 'POST' ? '{' : undefined);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        expect(res.text, `${method} ${path}`).not.toContain(secret);
        expect(JSON.stringify([...res.headers]), `${method} ${path}`).not.toContain(secret);
      }
    }
    const bad = await host.api('GET', `${topics}/%ZZ?${creds}`);
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      error: 'invalid URL: malformed percent-encoding in the path',
      message: 'invalid URL: malformed percent-encoding in the path',
    });
    expect(bad.headers.get('x-kapacitor-version')).toBeTruthy();
    expect(JSON.stringify(host.logs)).not.toContain(secret);
  });
});
