// POST /kapacitor/v1/write and /write over real HTTP (127.0.0.1, random port), with a sink
// that records what the task master would receive: spec/line-protocol.md §1, http-api.md §2.

import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedPoint } from '../../src/ingest/line-protocol.js';
import { apiBases } from '../../src/server/http/app.js';
import { registerWriteRoutes, type PointSink } from '../../src/server/http/routes/write.js';

interface Written {
  db: string;
  rp: string;
  points: ParsedPoint[];
}

interface Reply {
  status: number;
  text: string;
  contentType: string | null;
}

interface WriteHost {
  written: Written[];
  post(path: string, body?: string | Buffer, headers?: Record<string, string>): Promise<Reply>;
}

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/**
 * The write routes on a fastify app set up as src/server/http/app.ts does (body limit, every
 * content type read as a Buffer, routes added once per API base), listening on 127.0.0.1.
 * Points land in `written` unless another sink is given.
 */
async function startWriteHost(
  options: { bodyLimit?: number; sink?: PointSink } = {},
): Promise<WriteHost> {
  const written: Written[] = [];
  const sink: PointSink = options.sink ?? {
    writePoints: (db, rp, points) => written.push({ db, rp, points }),
  };
  app = Fastify({ bodyLimit: options.bodyLimit ?? 10 * 1024 * 1024, logger: false });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  for (const base of apiBases) registerWriteRoutes(app, base, sink);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    written,
    async post(path, body, headers = {}) {
      const res = await fetch(url + path, { method: 'POST', body, headers });
      return {
        status: res.status,
        text: await res.text(),
        contentType: res.headers.get('content-type'),
      };
    },
  };
}

const plainText = 'text/plain; charset=utf-8';

describe('POST /write', () => {
  it('parses the body and hands every point, in order, to the sink with db and rp (204)', async () => {
    const host = await startWriteHost();
    const body = [
      'cpu,host=a,cpu=cpu-total usage_idle=5.2,usage_user=90.1 1700000000',
      'mem,host=a used_percent=42 1700000001',
    ].join('\n');
    const res = await host.post('/kapacitor/v1/write?db=telegraf&rp=autogen&precision=s', body);
    expect(res).toMatchObject({ status: 204, text: '' });
    expect(host.written).toEqual([
      {
        db: 'telegraf',
        rp: 'autogen',
        points: [
          {
            measurement: 'cpu',
            tags: { cpu: 'cpu-total', host: 'a' },
            fields: { usage_idle: 5.2, usage_user: 90.1 },
            time: 1_700_000_000_000_000_000n,
          },
          {
            measurement: 'mem',
            tags: { host: 'a' },
            fields: { used_percent: 42 },
            time: 1_700_000_001_000_000_000n,
          },
        ],
      },
    ]);
  });

  it('decodes a body with non-ASCII text as UTF-8 (ASCII bodies take a faster decoder)', async () => {
    const host = await startWriteHost();
    const body = 'température,salle=café,ville=東京 valeur="20 °C",ok=true 1700000000';
    const res = await host.post('/kapacitor/v1/write?db=d&precision=s', body);
    expect(res).toMatchObject({ status: 204, text: '' });
    expect(host.written[0]?.points).toEqual([
      {
        measurement: 'température',
        tags: { salle: 'café', ville: '東京' },
        fields: { valeur: '20 °C', ok: true },
        time: 1_700_000_000_000_000_000n,
      },
    ]);
  });

  it('serves the v1preview base and the root /write alias with the same handler', async () => {
    const host = await startWriteHost();
    const paths = ['/write', '/kapacitor/v1preview/write', '/kapacitor/v1/write'];
    for (const [i, path] of paths.entries()) {
      expect((await host.post(`${path}?db=d${i}`, `m v=1 ${i}`)).status).toBe(204);
    }
    expect(host.written.map((w) => [w.db, w.points[0]!.time])).toEqual([
      ['d0', 0n],
      ['d1', 1n],
      ['d2', 2n],
    ]);
  });

  it('defaults rp to "" and precision to ns; timestamp-less points get the same now', async () => {
    const host = await startWriteHost();
    expect((await host.post('/write?db=d', 'a v=1 123\nb v=2\nc v=3')).status).toBe(204);
    const [w] = host.written;
    expect(w!.rp).toBe('');
    expect(w!.points[0]!.time).toBe(123n);
    expect(w!.points[1]!.time).toBe(w!.points[2]!.time);
    expect(w!.points[1]!.time).toBeGreaterThan(1_600_000_000_000_000_000n);
  });

  it('truncates now to the precision for timestamp-less points', async () => {
    const host = await startWriteHost();
    expect((await host.post('/write?db=d&precision=s', 'a v=1')).status).toBe(204);
    expect(host.written[0]!.points[0]!.time % 1_000_000_000n).toBe(0n);
  });

  it('answers 204 and writes nothing for an empty or comment-only body', async () => {
    const host = await startWriteHost();
    expect(await host.post('/write?db=d')).toMatchObject({ status: 204, text: '' });
    expect(await host.post('/write?db=d', '\n# nothing here\n')).toMatchObject({
      status: 204,
      text: '',
    });
    expect(host.written).toEqual([]);
  });
});

describe('POST /write errors (plain text, not JSON)', () => {
  it('rejects the whole body when one line fails: 400, every bad line, nothing written', async () => {
    const host = await startWriteHost();
    const body = 'cpu,host=a usage_idle=5.2 1700000000000000000\ncpu,host=a usage_idle=\ncpu\n';
    const res = await host.post('/kapacitor/v1/write?db=telegraf&rp=autogen', body);
    expect(res).toEqual({
      status: 400,
      contentType: plainText,
      text:
        "unable to parse 'cpu,host=a usage_idle=': missing field value (line 2)\n" +
        "unable to parse 'cpu': missing fields (line 3)\n",
    });
    expect(host.written).toEqual([]);
  });

  it('requires db (checked after parsing)', async () => {
    const host = await startWriteHost();
    expect(await host.post('/write', 'cpu v=1')).toEqual({
      status: 400,
      contentType: plainText,
      text: 'database is required\n',
    });
    expect((await host.post('/write?db=', 'cpu v=1')).text).toBe('database is required\n');
    expect((await host.post('/write')).text).toBe('database is required\n');
    expect((await host.post('/write', 'cpu v=')).text).toBe(
      "unable to parse 'cpu v=': missing field value (line 1)\n",
    );
    expect(host.written).toEqual([]);
  });

  it('answers 413 in plain text for a body over [http] max-body-size', async () => {
    const host = await startWriteHost({ bodyLimit: 1024 });
    const body = 'cpu v=1\n'.repeat(200);
    expect(await host.post('/write?db=d', body)).toEqual({
      status: 413,
      contentType: plainText,
      text: 'request body too large: limit is 1024 bytes ([http] max-body-size)\n',
    });
    expect(host.written).toEqual([]);
  });

  it('passes the sink failure on as 500', async () => {
    const host = await startWriteHost({
      sink: {
        writePoints: () => {
          throw new Error('task master is closed');
        },
      },
    });
    expect(await host.post('/write?db=d', 'cpu v=1')).toEqual({
      status: 500,
      contentType: plainText,
      text: 'task master is closed\n',
    });
  });
});

describe('POST /write with Content-Encoding: gzip', () => {
  it('gunzips the body first', async () => {
    const host = await startWriteHost();
    const res = await host.post('/write?db=d', gzipSync('cpu v=1 1\ncpu v=2 2'), {
      'Content-Encoding': 'gzip',
    });
    expect(res.status).toBe(204);
    expect(host.written[0]!.points.map((p) => p.fields.v)).toEqual([1, 2]);
  });

  it('compares the header exactly: GZIP leaves the body as it is', async () => {
    const host = await startWriteHost();
    const res = await host.post('/write?db=d', 'cpu v=1 1', { 'Content-Encoding': 'GZIP' });
    expect(res.status).toBe(204);
    expect(host.written[0]!.points[0]!.fields).toEqual({ v: 1 });
  });

  const badBodies: Array<[name: string, body: Buffer, message: string]> = [
    ['not gzip', Buffer.from('cpu v=1'), 'gzip: invalid header'],
    ['cut short', gzipSync('cpu v=1\n'.repeat(50)).subarray(0, 20), 'unexpected EOF'],
    ['empty', Buffer.alloc(0), 'EOF'],
  ];

  it.each(badBodies)(
    'answers 400 with the gzip error for a body that is %s',
    async (_n, body, message) => {
      const host = await startWriteHost();
      expect(await host.post('/write?db=d', body, { 'Content-Encoding': 'gzip' })).toEqual({
        status: 400,
        contentType: plainText,
        text: `${message}\n`,
      });
      expect(host.written).toEqual([]);
    },
  );

  it('caps the decompressed size at max-body-size (413)', async () => {
    const host = await startWriteHost({ bodyLimit: 4096 });
    const bomb = gzipSync('cpu v=1\n'.repeat(10_000)); // 80 kB in a few hundred bytes
    expect(bomb.length).toBeLessThan(4096);
    expect(await host.post('/write?db=d', bomb, { 'Content-Encoding': 'gzip' })).toEqual({
      status: 413,
      contentType: plainText,
      text: 'decompressed request body too large: limit is 4096 bytes ([http] max-body-size)\n',
    });
    expect(host.written).toEqual([]);
  });
});
