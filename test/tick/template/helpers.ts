// Shared test data: a Kapacitor-like message/details data set and a render helper.

import { GoDuration } from '../../../src/common/duration.js';
import { parseRFC3339 } from '../../../src/common/gotime.js';
import {
  goTypeName,
  parseTemplate,
  type TemplateOptions,
} from '../../../src/tick/template/index.js';

export function time(rfc3339: string) {
  const t = parseRFC3339(rfc3339);
  if (!t) throw new Error(`bad time ${rfc3339}`);
  return t;
}

/** Roughly Kapacitor's messageInfo for the TestStream_Alert CRITICAL event. */
export function messageData() {
  return {
    [goTypeName]: 'kapacitor.messageInfo',
    Name: 'cpu',
    TaskName: 'TestStream_Alert',
    Group: 'host=serverA',
    Tags: new Map([['host', 'serverA']]),
    ID: 'kapacitor/cpu/serverA',
    Fields: new Map<string, unknown>([
      ['count', 10n],
      ['mean', 97.123],
      ['emitted', 5],
    ]),
    Level: 'CRITICAL',
    Time: time('1971-01-01T00:00:10Z'),
    Duration: new GoDuration(90_000_000_000n),
    Message: 'CRITICAL <b>alert</b> & more',
    Arr: ['a', 'b', 'c'],
    Count: 10n,
  };
}

export function render(
  text: string,
  data: unknown = messageData(),
  options: TemplateOptions = {},
): string {
  return parseTemplate('test', text, options).execute(data);
}
