import { afterEach, describe, expect, it } from 'vitest';
import { compileHandlerTemplate } from '../../src/alert/templates.js';
import type { HttpPostProps } from '../../src/pipeline/model.js';
import type { Endpoint, HttppostService } from '../../src/services/httppost/service.js';
import { closeAll, refusedPort, startHTTPReceiver } from '../helpers/receivers.js';
import {
  PipelineBuilder,
  batch,
  batches,
  fromProps,
  nodeHarness,
  point,
  pointMsg,
  points,
  run,
  s,
  windowProps,
} from './helpers.js';
import { GoTime } from '../../src/common/gotime.js';
import { batchToRow } from '../../src/task/nodes/rows.js';
import type { HandlerServices } from '../../src/task/task-master.js';

afterEach(closeAll);

describe('httpOut()', () => {
  it('serves {"series":null} before any data', () => {
    const b = new PipelineBuilder();
    b.add(b.add(b.stream, 'from', fromProps()), 'httpOut', { endpoint: 'out' });
    const { task } = run(b);
    expect(task.httpOut('out')!.json()).toBe('{"series":null}');
    expect(task.httpOut('other')).toBeUndefined();
  });

  it('keeps the latest point per group, in group-creation order, and forwards', () => {
    const b = new PipelineBuilder();
    const f = b.add(b.stream, 'from', fromProps({ groupBy: ['host'] }));
    const { task, out } = run(b, b.add(f, 'httpOut', { endpoint: 'out' }));
    task.write(point({ tags: { host: 'a', dc: 'eu' }, fields: { value: 1, b: 'x' }, time: s(1) }));
    task.write(point({ tags: { host: 'b' }, fields: { value: 2n }, time: s(2) }));
    task.write(
      point({
        tags: { host: 'a', dc: 'eu' },
        fields: { value: 1.5, b: true },
        time: 1_500_000_000n,
      }),
    );
    expect(out).toHaveLength(3);
    expect(task.httpOut('out')!.json()).toBe(
      '{"series":[' +
        '{"name":"cpu","tags":{"dc":"eu","host":"a"},"columns":["time","b","value"],"values":[["1970-01-01T00:00:01.5Z",true,1.5]]},' +
        '{"name":"cpu","tags":{"host":"b"},"columns":["time","value"],"values":[["1970-01-01T00:00:02Z",2]]}' +
        ']}',
    );
  });

  it('builds batch rows from every point, adding non-group tags as columns', () => {
    const msg = batch({
      tmax: s(10),
      tags: { host: 'a' },
      points: [
        { time: s(1), fields: { value: 1 }, tags: { host: 'a', cpu: 'c1' } },
        { time: s(2), fields: { other: 'x' }, tags: { host: 'a' } },
      ],
    });
    if (msg.kind !== 'batch') throw new Error('batch expected');
    expect(batchToRow(msg.batch)).toEqual({
      name: 'cpu',
      tags: { host: 'a' },
      columns: ['time', 'cpu', 'other', 'value'],
      values: [
        [new GoTime(s(1)), 'c1', null, 1],
        [new GoTime(s(2)), null, 'x', null],
      ],
    });
  });
});

describe('httpOut() rows through a task', () => {
  it('renders batches and empty batches like Kapacitor', () => {
    const b = new PipelineBuilder();
    const f = b.add(b.stream, 'from', fromProps({ groupBy: ['host'] }));
    const w = b.add(f, 'window', windowProps({ period: s(2), every: s(10) }));
    b.add(w, 'httpOut', { endpoint: 'win' });
    const { task } = run(b);
    task.write(point({ tags: { host: 'a' }, fields: { value: 0 }, time: s(0) })); // E = 10
    task.write(point({ tags: { host: 'a', cpu: 'c1' }, fields: { value: 1 }, time: s(8) }));
    task.write(point({ tags: { host: 'a' }, fields: { other: 'x' }, time: s(9) }));
    task.write(point({ tags: { host: 'a' }, fields: { value: 3 }, time: s(10) })); // [8, 10)
    expect(task.httpOut('win')!.json()).toBe(
      '{"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","cpu","other","value"],"values":[' +
        '["1970-01-01T00:00:08Z","c1",null,1],["1970-01-01T00:00:09Z",null,"x",null]]}]}',
    );
    task.write(point({ tags: { host: 'a' }, fields: { value: 3 }, time: s(30) })); // [18, 20): empty
    expect(task.httpOut('win')!.json()).toBe('{"series":[{"name":"cpu","tags":{"host":"a"}}]}');
  });
});

function postProps(over: Partial<HttpPostProps>): HttpPostProps {
  return {
    url: '',
    endpoint: '',
    headers: {},
    captureResponse: false,
    codeField: '',
    timeout: 0n,
    ...over,
  };
}

function headerOf(raw: string[], name: string): string | undefined {
  const i = raw.findIndex((h, j) => j % 2 === 0 && h.toLowerCase() === name.toLowerCase());
  return i < 0 ? undefined : raw[i + 1];
}

describe('httpPost()', () => {
  it('POSTs {"series":[row]} with headers, then forwards with the status code', async () => {
    const receiver = await startHTTPReceiver();
    const b = new PipelineBuilder();
    const f = b.add(b.stream, 'from', fromProps());
    const post = b.add(
      f,
      'httpPost',
      postProps({ url: receiver.url, headers: { 'X-Key': 'k' }, codeField: 'code' }),
    );
    const { task, out } = run(b, post);
    task.write(point({ tags: { host: 'a' }, fields: { value: 1 }, time: s(1) }));
    await task.drain();
    expect(receiver.received).toHaveLength(1);
    const req = receiver.received[0]!;
    expect(req.method).toBe('POST');
    expect(req.body).toBe(
      '{"series":[{"name":"cpu","tags":{"host":"a"},"columns":["time","value"],"values":[["1970-01-01T00:00:01Z",1]]}]}\n',
    );
    expect(headerOf(req.rawHeaders, 'Content-Type')).toBe('application/json');
    expect(headerOf(req.rawHeaders, 'X-Key')).toBe('k');
    expect(points(out).map((p) => p.fields)).toEqual([{ value: 1, code: 200n }]);
  });

  it('logs non-2xx responses (with the body when capturing) and still forwards', async () => {
    const receiver = await startHTTPReceiver(() => ({ status: 503, body: 'busy' }));
    const b = new PipelineBuilder();
    const f = b.add(b.stream, 'from', fromProps());
    const w = b.add(f, 'window', windowProps({ periodCount: 2, everyCount: 2 }));
    const post = b.add(
      w,
      'httpPost',
      postProps({ url: receiver.url, captureResponse: true, codeField: 'code' }),
    );
    const { task, out, logs } = run(b, post);
    task.write(point({ fields: { value: 1 }, time: s(1) }));
    task.write(point({ fields: { value: 2 }, time: s(2) }));
    await task.drain();
    expect(batches(out)[0]!.points.map((p) => p.fields)).toEqual([
      { value: 1, code: 503n },
      { value: 2, code: 503n },
    ]);
    expect(logs).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'POST returned non 2xx status code',
        code: '503',
        err: 'busy',
      }),
    ]);
  });

  it('gives code 0 and logs when the request fails', async () => {
    const port = await refusedPort();
    const b = new PipelineBuilder();
    const post = b.add(
      b.add(b.stream, 'from', fromProps()),
      'httpPost',
      postProps({ url: `http://127.0.0.1:${port}/`, codeField: 'code' }),
    );
    const { task, out, logs } = run(b, post);
    task.write(point({ fields: { value: 1 }, time: s(1) }));
    await task.drain();
    expect(points(out)[0]!.fields.code).toBe(0n);
    expect(logs).toEqual([expect.objectContaining({ level: 'error', msg: 'failed to POST data' })]);
    expect(task.stats().http_post2!.errors).toBe(1);
  });

  it('uses an endpoint: its URL, headers and row template', async () => {
    const receiver = await startHTTPReceiver();
    const endpoint: Endpoint = {
      name: 'ep',
      url: compileHandlerTemplate('url', `${receiver.url}/{{.Name}}`),
      headers: { 'X-Endpoint': 'yes' },
      basicAuth: { username: 'u', password: 'p' },
      rowTemplate: compileHandlerTemplate(
        'row',
        '{{.Name}} {{index .Tags "host"}}{{range .Values}} {{index . "value"}}{{end}}',
      ),
    };
    const httppost = {
      endpoint: (n: string) => (n === 'ep' ? endpoint : undefined),
    } as unknown as HttppostService;
    const b = new PipelineBuilder();
    const post = b.add(
      b.add(b.stream, 'from', fromProps()),
      'httpPost',
      postProps({ endpoint: 'ep' }),
    );
    const { task } = run(b, post, {
      context: { handlerServices: { httppost } as HandlerServices },
    });
    task.write(point({ tags: { host: 'a' }, fields: { value: 7 }, time: s(1) }));
    await task.drain();
    const req = receiver.received[0]!;
    expect(req.url).toBe('/alert/cpu');
    expect(req.body).toBe('cpu a 7');
    expect(headerOf(req.rawHeaders, 'X-Endpoint')).toBe('yes');
    expect(headerOf(req.rawHeaders, 'Authorization')).toBe(
      `Basic ${Buffer.from('u:p').toString('base64')}`,
    );
    expect(headerOf(req.rawHeaders, 'Content-Type')).toBeUndefined();
  });

  it('refuses to start without exactly one of url and endpoint, or with an unknown endpoint', () => {
    expect(() => nodeHarness('httpPost', postProps({}))).toThrow('must provide url or endpoint');
    expect(() => nodeHarness('httpPost', postProps({ url: 'http://x', endpoint: 'e' }))).toThrow(
      'only one endpoint and url may be specified',
    );
    expect(() => nodeHarness('httpPost', postProps({ endpoint: 'nope' }))).toThrow(
      "endpoint 'nope' does not exist",
    );
  });
});

describe('log()', () => {
  it('logs each message at its level with the prefix and forwards it', () => {
    const h = nodeHarness('log', { level: 'WARN', prefix: 'P' });
    const msg = pointMsg({ tags: { host: 'a' }, fields: { value: 1n }, time: s(1) });
    h.receive(msg);
    expect(h.out).toEqual([msg]);
    expect(h.logs).toEqual([
      expect.objectContaining({
        level: 'warn',
        prefix: 'P',
        msg: '{"name":"cpu","database":"db","retentionPolicy":"rp","dimensions":{"TagNames":[],"ByName":false},"fields":{"value":1},"tags":{"host":"a"},"time":"1970-01-01T00:00:01Z"}',
      }),
    ]);
  });
});

describe('log() with unencodable data', () => {
  it('counts the error and still forwards', () => {
    const h = nodeHarness('log', { level: 'ERROR', prefix: '' });
    h.receive(pointMsg({ fields: { value: NaN }, time: s(1) }));
    expect(h.out).toHaveLength(1);
    expect(h.stats.errors).toBe(1);
    expect(h.logs[0]).toMatchObject({ level: 'error', err: 'json: unsupported value: NaN' });
  });
});
