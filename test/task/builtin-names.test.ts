// Field and tag names that are also members of Object.prototype (`toString`, `constructor`,
// `__proto__`, ...) behave exactly like any other name, end to end: line protocol in, a task
// over the HTTP API, httpOut results and alert events out. Each name is checked against a run
// of the same script and data with a neutral name of the same length and sort position (the
// last character changed), so any difference is the name's own fault.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../helpers/host.js';

const builtinNames = [
  'toString',
  'constructor',
  '__proto__',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
];

/** Same length, same sort position among the other names, not on Object.prototype. */
function neutral(name: string): string {
  return name.slice(0, -1) + (name.endsWith('q') ? 'Q' : 'q');
}

/** The name as a field: every node that reads, writes, renames or deletes fields. */
const fieldScript = (n: string) => `dbrp "db"."rp"
var d = stream|from().measurement('f').groupBy('host')
d|where(lambda: "${n}" > 0)|httpOut('where')
d|where(lambda: isPresent("${n}"))|httpOut('present')
d|eval(lambda: "${n}" * 2.0).as('${n}')|httpOut('evalSelf')
d|eval(lambda: "x" + 1.0).as('${n}')|httpOut('evalOther')
d|eval(lambda: "x").as('y').keep('${n}', 'y')|httpOut('keep')
d|default().field('${n}', 5.0)|httpOut('default')
d|delete().field('${n}')|httpOut('delete')
d|changeDetect('${n}')|httpOut('change')
d|derivative('${n}').as('${n}')|httpOut('derivative')
d|stateCount(lambda: "${n}" > 1.0).as('${n}')|httpOut('stateCount')
d|window().period(10s).every(10s)|mean('${n}').as('${n}')|httpOut('mean')
d|window().period(10s).every(10s)|max('${n}')|httpOut('max')
d|alert().crit(lambda: "${n}" > 1.0).message('{{ index .Fields "${n}" }}').details('{{ .Fields.${n} }}').levelField('${n}').topic('fields')|httpOut('alert')
`;

/** The name as a tag: grouping, defaults, deletes and templates. */
const tagScript = (n: string) => `dbrp "db"."rp"
var d = stream|from().measurement('t').groupBy('${n}')
d|httpOut('group')
d|where(lambda: "${n}" == 'a')|httpOut('where')
d|eval(lambda: "x" * 2.0).as('y')|httpOut('eval')
d|eval(lambda: string("x")).as('${n}').tags('${n}')|httpOut('evalTag')
d|default().tag('${n}', 'z')|httpOut('default')
d|delete().tag('${n}')|httpOut('delete')
d|groupBy('host', '${n}')|window().period(10s).every(10s)|count('x')|httpOut('count')
stream|from().measurement('u').groupBy('${n}')|httpOut('groupMissing')
stream|from().measurement('u').groupBy('host')|default().tag('${n}', 'z')|httpOut('defaultMissing')
stream|from().measurement('u').groupBy('${n}')|window().period(10s).every(10s)|count('x')|httpOut('countMissing')
stream|from().measurement('u').groupBy('${n}')|alert().crit(lambda: TRUE).id('{{ .Group }}').message('{{ index .Tags "${n}" }}').topic('missing')
d|alert().crit(lambda: "${n}" == 'a').id('{{ index .Tags "${n}" }}').message('{{ .Tags.${n} }}').topic('tags')|httpOut('alert')
`;

function lines(n: string): string {
  const out: string[] = [];
  for (let t = 0; t <= 20; t++) {
    out.push(`f,host=a ${n}=${t % 3},x=${t} ${t}`);
    out.push(`f,host=b x=${t} ${t}`);
    out.push(`t,${n}=a,host=h x=${t} ${t}`);
    out.push(`u,host=j x=${t} ${t}`);
  }
  return out.join('\n');
}

const outputs = {
  field: [
    'where', 'present', 'evalSelf', 'evalOther', 'keep', 'default', 'delete', 'change',
    'derivative', 'stateCount', 'mean', 'max', 'alert',
  ],
  tag: ['group', 'where', 'eval', 'evalTag', 'default', 'delete', 'count', 'groupMissing', 'defaultMissing', 'countMissing', 'alert'],
}; // prettier-ignore

let host: Host;
beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  await host.stop();
});

/** Everything the tasks for `name` produced, as text with `name` written as NAME. */
async function run(name: string): Promise<Record<string, string>> {
  const results: Record<string, string> = {};
  for (const [kind, script] of [
    ['field', fieldScript],
    ['tag', tagScript],
  ] as const) {
    const id = `${kind}-names`;
    const created = await host.api('POST', '/kapacitor/v1/tasks', {
      id,
      script: script(name),
      status: 'enabled',
    });
    expect(created.status, created.text).toBe(200);
    const written = await host.api(
      'POST',
      '/kapacitor/v1/write?db=db&rp=rp&precision=s',
      lines(name),
    );
    expect(written.status, written.text).toBe(204);
    for (const out of outputs[kind]) {
      const res = await host.api('GET', `/kapacitor/v1/tasks/${id}/${out}`);
      results[`${kind} ${out}`] = `${res.status} ${res.text}`;
    }
    const stats = await host.api('GET', `/kapacitor/v1/tasks/${id}`);
    results[`${kind} errors`] = JSON.stringify(
      (stats.json as { stats: { 'node-stats': Record<string, { errors: number }> } }).stats[
        'node-stats'
      ],
    );
    await host.api('DELETE', `/kapacitor/v1/tasks/${id}`);
  }
  for (const topic of ['fields', 'tags', 'missing']) {
    const events = await host.api('GET', `/kapacitor/v1/alerts/topics/${topic}/events`);
    results[`${topic} events`] = `${events.status} ${events.text}`;
    await host.api('DELETE', `/kapacitor/v1/alerts/topics/${topic}`);
  }
  for (const [k, v] of Object.entries(results)) results[k] = v.split(name).join('NAME');
  return results;
}

describe('field and tag names that are Object.prototype members', () => {
  it.each(builtinNames)('%s behaves as any other name', async (name) => {
    const ordinary = await run(neutral(name));
    // the reference run produced real data, so the comparison means something
    expect(ordinary['field where']).toMatch(/^200 .*"values"/);
    expect(ordinary['tag group']).toMatch(/^200 .*"NAME":"a"/);
    expect(await run(name)).toEqual(ordinary);
  });
});
