// `|httpPost(['url'])`: POSTs each point or batch as `{"series":[row]}` (or rendered by the
// endpoint's row template), optionally records the status in `.codeField()`, and forwards
// the message once the request is done. Errors are logged, never fatal. Requests run one at a
// time per node so messages stay in order; downstream sees them asynchronously.

import type { Tags } from '../../alert/event.js';
import { resultToGo, type Row } from '../../alert/event.js';
import { compileHandlerTemplate, type HandlerTemplate } from '../../alert/templates.js';
import { goEncode } from '../../common/gojson.js';
import { goHttpRequest } from '../../delivery/http.js';
import type { HttpPostProps } from '../../pipeline/model.js';
import type { Endpoint } from '../../services/httppost/service.js';
import { GoMap, goTypeName } from '../../tick/template/values.js';
import type { NodeContext, NodeFactory, NodeRuntime } from '../node-runtime.js';
import type { Message } from '../point.js';
import { errorMessage } from './errors.js';
import { batchMessage, pointMessage } from './messages.js';
import { batchToRow, pointToRow } from './rows.js';

/** Kapacitor's mappedRow: what URL and row templates see. */
function mappedRow(row: Row): object {
  const columns = row.columns ?? [];
  return {
    [goTypeName]: '*kapacitor.mappedRow',
    Name: row.name ?? '',
    Tags: new GoMap<string>('string', Object.entries(row.tags ?? ({} as Tags))),
    Values: (row.values ?? []).map(
      (vals) =>
        new GoMap<unknown>(
          'interface',
          columns.map((c, i) => [c, vals[i] ?? null]),
        ),
    ),
  };
}

function readBody(body: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    body.on('data', (c: Buffer | string) => chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
    body.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    body.on('error', reject);
  });
}

/** Something waiting for its in-flight work (tests and task shutdown). */
export interface Drainable {
  drain(): Promise<void>;
}

class HttpPostNode implements NodeRuntime, Drainable {
  private readonly url: HandlerTemplate | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly props: HttpPostProps,
    private readonly endpoint: Endpoint | undefined,
    private readonly ctx: NodeContext,
  ) {
    this.url =
      endpoint === undefined ? compileHandlerTemplate('httpPost url', props.url) : undefined;
  }

  receive(msg: Message): void {
    this.queue = this.queue.then(() => this.post(msg));
  }

  drain(): Promise<void> {
    return this.queue;
  }

  stop(): Promise<void> {
    return this.queue;
  }

  private async post(msg: Message): Promise<void> {
    const row = msg.kind === 'point' ? pointToRow(msg.point) : batchToRow(msg.batch);
    const code = await this.send(row);
    this.ctx.emit(this.withCode(msg, code));
  }

  /** The HTTP status, or 0 when the request could not be made. */
  private async send(row: Row): Promise<number> {
    const { props, endpoint, ctx } = this;
    try {
      const data = mappedRow(row);
      const headers: Record<string, string> = { ...(endpoint?.headers ?? {}) };
      const auth = endpoint?.basicAuth;
      if (auth) {
        headers.Authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
      }
      let body: string;
      if (endpoint?.rowTemplate) {
        body = endpoint.rowTemplate.render(data);
      } else {
        body = goEncode(resultToGo({ series: [row] }));
        headers['Content-Type'] = 'application/json';
      }
      Object.assign(headers, props.headers);
      const url = (endpoint?.url ?? this.url)!.render(data);
      const timeoutMs = Number(props.timeout / 1_000_000n);
      const res = await goHttpRequest({
        url,
        method: 'POST',
        headers,
        body,
        signal: timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined,
      });
      if (res.status >= 200 && res.status < 300) {
        res.body.resume();
      } else {
        const text = props.captureResponse ? await readBody(res.body) : (res.body.resume(), '');
        ctx.logger.error(
          {
            code: String(res.status),
            err: props.captureResponse
              ? text
              : 'unknown error, use .captureResponse() to capture the HTTP response',
          },
          'POST returned non 2xx status code',
        );
      }
      return res.status;
    } catch (err) {
      ctx.stats.errors++;
      ctx.logger.error({ err: errorMessage(err) }, 'failed to POST data');
      return 0;
    }
  }

  private withCode(msg: Message, code: number): Message {
    const field = this.props.codeField;
    if (field === '') return msg;
    const c = BigInt(code);
    if (msg.kind === 'point') {
      return pointMessage({ ...msg.point, fields: { ...msg.point.fields, [field]: c } });
    }
    const b = msg.batch;
    return batchMessage({
      ...b,
      points: b.points.map((bp) => ({ ...bp, fields: { ...bp.fields, [field]: c } })),
    });
  }
}

export const httpPostNodeFactory: NodeFactory<'httpPost'> = (node, ctx) => {
  const { url, endpoint: name } = node.props;
  if ((url === '') === (name === '')) {
    throw new Error(
      url === '' ? 'must provide url or endpoint' : 'only one endpoint and url may be specified',
    );
  }
  let endpoint: Endpoint | undefined;
  if (name !== '') {
    endpoint = ctx.task.handlerServices.httppost.endpoint(name);
    if (endpoint === undefined) throw new Error(`endpoint '${name}' does not exist`);
  }
  return new HttpPostNode(node.props, endpoint, ctx);
};
