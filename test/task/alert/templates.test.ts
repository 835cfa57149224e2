// The node's id/message/details templates (alert-node.md §3): the data they see, Go
// formatting, html/template escaping of details, the byte-exact default details, and
// template errors (parse errors fail creation, execution errors fail the node).

import { describe, expect, it } from 'vitest';
import { validateAlertNode } from '../../../src/task/alert/node.js';
import { alertProps, lambda, pointMsg, testServerInfo, useAlertHarness } from './harness.js';

const harness = useAlertHarness();

describe('alert node templates', () => {
  it('renders the default details byte-exact (TestStream_Alert with a pagerDuty handler)', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(
      alertProps({
        topic: 't',
        id: 'kapacitor/{{ .Name }}/{{ index .Tags "host" }}',
        message: '{{ .Level }} alert for {{ .ID }}',
        info: lambda('"count" > 6.0'),
        warn: lambda('"count" > 7.0'),
        crit: lambda('"count" > 8.0'),
      }),
      { taskId: 'TestStream_Alert', name: 'alert4' },
    );
    node.receive(
      pointMsg({ tags: { host: 'serverA' }, fields: { count: 10n }, t: 10, dims: ['host'] }),
    );
    expect(testServerInfo.Hostname).toBe('localhost');
    expect(events[0]!.state.message).toBe('CRITICAL alert for kapacitor/cpu/serverA');
    expect(events[0]!.state.details).toBe(
      '{&#34;Name&#34;:&#34;cpu&#34;,&#34;TaskName&#34;:&#34;TestStream_Alert&#34;,&#34;Group&#34;:&#34;host=serverA&#34;,' +
        '&#34;Tags&#34;:{&#34;host&#34;:&#34;serverA&#34;},&#34;ServerInfo&#34;:{&#34;Hostname&#34;:&#34;localhost&#34;,' +
        '&#34;ClusterID&#34;:&#34;f4c77777-a43d-439a-ba56-b08cbb0993fe&#34;,&#34;ServerID&#34;:&#34;af80a060-3226-41e2-b1cd-548a1467b491&#34;},' +
        '&#34;ID&#34;:&#34;kapacitor/cpu/serverA&#34;,&#34;Fields&#34;:{&#34;count&#34;:10},&#34;Level&#34;:&#34;CRITICAL&#34;,' +
        '&#34;Time&#34;:&#34;1971-01-01T00:00:10Z&#34;,&#34;Duration&#34;:0,' +
        '&#34;Message&#34;:&#34;CRITICAL alert for kapacitor/cpu/serverA&#34;}\n',
    );
  });

  it('shows the nil group as "nil" in templates but keeps the raw key in the event', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(
      alertProps({
        topic: 't',
        id: '{{ .Group }}|{{ .TaskName }}|{{ .ServerInfo.Hostname }}|{{ index .Tags "host" }}',
        crit: lambda('TRUE'),
      }),
      { taskId: 'task1' },
    );
    node.receive(pointMsg({ tags: { host: 'a' }, fields: { value: 1 }, t: 0 }));
    expect(events[0]!.state.id).toBe('nil|task1|localhost|a');
    expect(events[0]!.data.group).toBe('');
  });

  it('formats numbers, times and durations like Go and supports printf and methods', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(
      alertProps({
        topic: 't',
        message:
          '{{ index .Fields "value" | printf "%0.3f" }} {{ index .Fields "big" }} {{ index .Fields "n" }} ' +
          '{{ .Time }} {{ .Duration }} {{ .Time.Unix }} {{ index .Fields "nope" }}',
        crit: lambda('"value" > 90'),
      }),
    );
    node.receive(pointMsg({ fields: { value: 95, big: 1_000_000, n: 7n }, t: 10 }));
    node.receive(pointMsg({ fields: { value: 95.5, big: 1_234_567.5, n: 7n }, t: 12 }));
    expect(events.map((e) => e.state.message)).toEqual([
      '95.000 1e+06 7 1971-01-01 00:00:10 +0000 UTC 0s 31536010 <no value>',
      '95.500 1.2345675e+06 7 1971-01-01 00:00:12 +0000 UTC 2s 31536012 <no value>',
    ]);
  });

  it('HTML-escapes user details but not the id or message', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(
      alertProps({
        topic: 't',
        id: `<id> & 'x'`,
        message: `<b>{{ .Level }}</b> & "q" + 'a'`,
        details: '{{ .Message }}|{{ jsonCompact .Tags }}',
        crit: lambda('TRUE'),
      }),
    );
    node.receive(pointMsg({ tags: { host: '<a>' }, fields: { value: 1 }, t: 0 }));
    const e = events[0]!;
    expect(e.state.id).toBe(`<id> & 'x'`);
    expect(e.state.message).toBe(`<b>CRITICAL</b> & "q" + 'a'`);
    expect(e.state.details).toBe(
      '&lt;b&gt;CRITICAL&lt;/b&gt; &amp; &#34;q&#34; &#43; &#39;a&#39;|{&#34;host&#34;:&#34;\\u003ca\\u003e&#34;}',
    );
  });

  it('renders an empty string for json of a NaN field', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(
      alertProps({ topic: 't', details: '[{{ json .Fields }}]', crit: lambda('TRUE') }),
    );
    node.receive(pointMsg({ fields: { value: Number.NaN }, t: 0 }));
    expect(events[0]!.state.details).toBe('[]');
  });

  it('fails creation on a template parse error', () => {
    const h = harness();
    const props = alertProps({ message: '{{ .Level ' });
    expect(() => h.start(props)).toThrow(/template: message:1/);
    expect(() => validateAlertNode(props)).toThrow(/template: message:1/);
  });

  it('fails the node on an execution error: logged, counted, later data dropped', () => {
    const h = harness();
    const events = h.capture('t');
    const node = h.start(
      alertProps({ topic: 't', message: '{{ .Time.NoSuchMethod }}', crit: lambda('"value" > 90') }),
    );
    node.receive(pointMsg({ fields: { value: 50 }, t: 0 })); // steady OK: nothing rendered
    node.receive(pointMsg({ fields: { value: 95 }, t: 1 }));
    node.receive(pointMsg({ fields: { value: 50 }, t: 2 }));
    expect(events).toEqual([]);
    expect(node.emitted).toEqual([]);
    expect(node.stats.errors).toBe(1);
    const failed = h.logs.filter((r) => r.msg === 'node failed');
    expect(failed).toHaveLength(1);
    expect(String(failed[0]!.err)).toMatch(/NoSuchMethod/);
  });

  it('renders the id for every point, before the level', () => {
    const h = harness();
    // The id data has no .Time (it is not known yet): an error even for a steady OK point.
    const node = h.start(alertProps({ id: '{{ .Time }}', crit: lambda('FALSE') }));
    node.receive(pointMsg({ fields: { value: 1 }, t: 0 }));
    expect(node.stats.errors).toBe(1);
    expect(String(h.logs.find((r) => r.msg === 'node failed')?.err)).toMatch(/Time/);
  });
});
