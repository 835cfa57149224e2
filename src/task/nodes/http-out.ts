// `|httpOut('name')`: caches the latest point or batch of each group (in group-creation
// order) for GET /kapacitor/v1/tasks/<task>/<name>, and forwards every message unchanged.

import { resultToGo, type Result, type Row } from '../../alert/event.js';
import { goMarshal } from '../../common/gojson.js';
import type { NodeFactory, NodeRuntime } from '../node-runtime.js';
import type { Message } from '../point.js';
import { batchToRow, pointToRow } from './rows.js';

/** What the HTTP API serves for one httpOut node. */
export interface HttpOutput {
  readonly endpoint: string;
  result(): Result;
  /** The response body: json.Marshal of models.Result (`{"series":null}` before any data). */
  json(): string;
}

export interface HttpOutRuntime extends NodeRuntime {
  readonly output: HttpOutput;
}

class HttpOutCache implements HttpOutput {
  private readonly rows = new Map<string, Row>();

  constructor(readonly endpoint: string) {}

  update(msg: Message): void {
    if (msg.kind === 'point') this.rows.set(msg.point.group, pointToRow(msg.point));
    else this.rows.set(msg.batch.group, batchToRow(msg.batch));
  }

  result(): Result {
    // Map keeps insertion order: a group keeps the position of its first row.
    return { series: this.rows.size === 0 ? null : [...this.rows.values()] };
  }

  json(): string {
    return goMarshal(resultToGo(this.result()));
  }
}

export function isHttpOutRuntime(r: NodeRuntime): r is HttpOutRuntime {
  return 'output' in r && r.output instanceof HttpOutCache;
}

export const httpOutNodeFactory: NodeFactory<'httpOut'> = (node, ctx) => {
  const output = new HttpOutCache(node.props.endpoint);
  return {
    output,
    receive(msg: Message) {
      output.update(msg);
      ctx.emit(msg);
    },
  } satisfies HttpOutRuntime;
};
