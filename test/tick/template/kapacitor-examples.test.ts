import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GoDuration } from '../../../src/common/duration.js';
import { goJSONValue, type GoValue } from '../../../src/common/gojson.js';
import { jsonTemplateFuncs, parseTemplate } from '../../../src/tick/template/index.js';
import { messageData, render, time } from './helpers.js';

interface Fixture {
  defaultDetails: {
    idTemplate: string;
    messageTemplate: string;
    detailsTemplate: string;
    data: {
      Name: string;
      TaskName: string;
      Group: string;
      Tags: Record<string, string>;
      ServerInfo: { Hostname: string; ClusterID: string; ServerID: string };
      Level: string;
      Time: string;
    };
    expectedId: string;
    expectedMessage: string;
    expectedDetails: string;
  };
  alertDataJSON: { wire: GoValue; jsonExact: string; jsonCompactExact: string };
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/kapacitor-templates.json', import.meta.url), 'utf8'),
) as Fixture;

describe('Kapacitor documented template examples', () => {
  it.each([
    ['{{ .ID }} is {{ .Level }}', 'kapacitor/cpu/serverA is CRITICAL'],
    ['{{ index .Tags "host" }}', 'serverA'],
    ['{{ index .Fields "mean" | printf "%.1f" }}', '97.1'],
    ['{{ if eq .Level "OK" }}alive{{ else }}dead{{ end }}', 'dead'],
    ['{{ index .Fields "emitted" | printf "%0.3f" }}', '5.000'],
    ['{{ .Time }}', '1971-01-01 00:00:10 +0000 UTC'],
    ['{{ .Duration }}', '1m30s'],
    ['{{ .Time.Unix }}', '31536010'],
    ['{{ .Time.UnixNano }}', '31536010000000000'],
    ['{{ .Time.Format "15:04" }}', '00:00'],
    ['{{ .Name }}:{{ .Group }}', 'cpu:host=serverA'],
    ['{{ range $k, $v := .Tags }}{{ $k }}={{ $v }};{{ end }}', 'host=serverA;'],
    ['{{ .Tags.missing }}', '<no value>'],
    ['{{ index .Fields "missing" }}', '<no value>'],
    ['{{ index .Tags "missing" }}', ''],
    ['{{ .Fields.count }} {{ .Fields.mean }}', '10 97.123'],
    ['{{ .Tags }}', 'map[host:serverA]'],
    ['{{ .Fields }}', 'map[count:10 emitted:5 mean:97.123]'],
  ])('%s', (text, expected) => {
    expect(render(text)).toBe(expected);
  });

  it.each([
    ['0s', 0n],
    ['1.5s', 1_500_000_000n],
    ['2m3s', 123_000_000_000n],
    ['1h0m0s', 3_600_000_000_000n],
    ['500ms', 500_000_000n],
    ['1µs', 1_000n],
  ])('prints a %s duration as Go does', (expected, ns) => {
    expect(render('{{ .Duration }}', { Duration: new GoDuration(ns) })).toBe(expected);
  });

  it('prints fractional seconds in Time.String only when non-zero', () => {
    expect(render('{{ .T }}', { T: time('2009-11-10T23:04:05.1200Z') })).toBe(
      '2009-11-10 23:04:05.12 +0000 UTC',
    );
  });
});

describe('alert-node defaults (conformance vectors)', () => {
  const d = fixture.defaultDetails;
  const tags = new Map(Object.entries(d.data.Tags));
  const idData = {
    Name: d.data.Name,
    TaskName: d.data.TaskName,
    Group: d.data.Group,
    Tags: tags,
    ServerInfo: d.data.ServerInfo,
  };
  const id = parseTemplate('id', d.idTemplate).execute(idData);
  const messageInfo = {
    ...idData,
    ID: id,
    Fields: new Map([['count', 10n]]),
    Level: d.data.Level,
    Time: time(d.data.Time),
    Duration: new GoDuration(0n),
  };
  const message = parseTemplate('message', d.messageTemplate).execute(messageInfo);
  const details = parseTemplate('details', d.detailsTemplate, {
    html: true,
    funcs: jsonTemplateFuncs,
  }).execute({
    ...messageInfo,
    Message: message,
  });

  it('renders the id and message', () => {
    expect(id).toBe(d.expectedId);
    expect(message).toBe(d.expectedMessage);
  });

  it('renders the default details byte for byte (HTML-escaped JSON plus newline)', () => {
    expect(details).toBe(d.expectedDetails);
  });
});

describe('json and jsonCompact', () => {
  const alertData = {
    ID: 'id',
    Message: 'message',
    [goJSONValue]: () => fixture.alertDataJSON.wire,
  };

  it('encode an object through its Go JSON form, with and without the newline', () => {
    const opts = { funcs: jsonTemplateFuncs };
    expect(parseTemplate('post', '{{ json . }}', opts).execute(alertData)).toBe(
      fixture.alertDataJSON.jsonExact,
    );
    expect(parseTemplate('post', '{{ jsonCompact . }}', opts).execute(alertData)).toBe(
      fixture.alertDataJSON.jsonCompactExact,
    );
  });

  it.each([
    ['{{ json .Message }}', '"CRITICAL \\u003cb\\u003ealert\\u003c/b\\u003e \\u0026 more"\n'],
    ['{{ jsonCompact .Tags }}', '{"host":"serverA"}'],
    ['{{ jsonCompact .M }}', '{"a":1,"b":"x","c":null}'],
    ['{{ jsonCompact .S }}', '{"Z":1,"A":[1.5,2],"T":"2009-11-10T23:04:05.5Z","D":1500}'],
    ['{{ jsonCompact .Bad }}', ''],
    ['{{ json .Bad }}', ''],
  ])('%s', (text, expected) => {
    const data = {
      ...messageData(),
      M: new Map<string, unknown>([
        ['c', null],
        ['b', 'x'],
        ['a', 1],
      ]),
      S: { Z: 1n, A: [1.5, 2], T: time('2009-11-10T23:04:05.5Z'), D: new GoDuration(1500n) },
      Bad: new Map([['v', NaN]]),
    };
    expect(render(text, data, { funcs: jsonTemplateFuncs })).toBe(expected);
  });
});
