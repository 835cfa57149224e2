// The parts of the kind spec language that servicenow, teams, zenoss, sensu and pushover
// brought: the `level-map` config type (zenoss's severity-map) and its field builder, template
// data limited to some fields, a test event's topic, secret service-test options, `map`
// entry methods that take any value, and a bool example's alternative. Each is checked where
// a spec is read (refusals name file and key path) and in what it generates.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { parseKindSpec } from '../../generators/kind/load.js';
import { renderKind } from '../../generators/kind/render.js';
import { exampleValue } from '../../generators/kind/view.js';
import { levelMap } from '../../src/config/fields.js';

const root = path.join(import.meta.dirname, '..', '..');
const read = (kind: string) =>
  readFileSync(path.join(root, 'generators', 'catalogue', `${kind}.yaml`), 'utf8');
/**
 * A generated file as `npm run new-handler` writes it (rendered from the kind's catalogue spec,
 * then formatted): the same whether or not the kind is installed now.
 */
async function generated(kind: string, file: string): Promise<string> {
  const files = renderKind(parseKindSpec(read(kind), `generators/catalogue/${kind}.yaml`));
  const rendered = files.find((f) => f.path.endsWith(`/${file}`))!;
  const filepath = path.join(root, rendered.path);
  const options = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(rendered.content, { ...options, filepath });
}

/** A small valid spec with `extra` YAML lines spliced in at the top level. */
function spec(extra: string, fields = ''): string {
  return `kind: probe
summary: a probe
config:
  fields:
    - { name: enabled, type: bool, description: on }
${fields}options: []
${extra}requests:
  - url: "'http://x'"
service-test:
  options: []
  event: {}
  handler-options: {}
`;
}

describe('level-map config fields', () => {
  it('must default to a string or number for each level', () => {
    const bad = `    - { name: m, type: level-map, default: { ok: a, info: b, warning: c }, description: d }\n`;
    expect(() => parseKindSpec(spec('', bad), 'probe.yaml')).toThrow(
      /probe\.yaml:6:\d+: config\.fields\[1\]\.default: .* is not a level-map \(a string or number for each of ok, info, warning, critical\)/,
    );
    const good = `    - { name: m, type: level-map, default: { ok: a, info: 1, warning: c, critical: 2 }, description: d }\n`;
    expect(parseKindSpec(spec('', good), 'probe.yaml').config?.fields[1]?.type).toBe('level-map');
  });

  it('reads kapacitor.conf keys and API keys, keeps defaults for keys left out, refuses others', () => {
    const schema = levelMap({ ok: 'Clear', info: 'Info', warning: 'Warning', critical: 'Critical' }, 'm'); // prettier-ignore
    expect(schema.parse(undefined)).toEqual({ ok: 'Clear', info: 'Info', warning: 'Warning', critical: 'Critical' }); // prettier-ignore
    expect(schema.parse({ OK: 0, Critical: 5 })).toEqual({ ok: 0, info: 'Info', warning: 'Warning', critical: 5 }); // prettier-ignore
    expect(schema.parse({ warning: 'W' })).toMatchObject({ warning: 'W' });
    expect(schema.safeParse({ fatal: 1 }).success).toBe(false);
    expect(schema.safeParse({ ok: null }).success).toBe(false);
    expect(schema.safeParse({ ok: true }).success).toBe(false);
  });
});

describe('templates limited to some fields', () => {
  it('refuses a field TemplateData does not have', () => {
    expect(() =>
      parseKindSpec(spec('templates: { fields: [ID, Colour] }\n'), 'probe.yaml'),
    ).toThrow(/probe\.yaml:\d+:\d+: templates/);
  });

  it('generates template data with just those fields (servicenow)', async () => {
    const files = renderKind(parseKindSpec(read('servicenow'), 'generators/catalogue/servicenow.yaml')); // prettier-ignore
    const handler = files.find((f) => f.path.endsWith('/handler.ts'))!.content;
    expect(handler).toContain(`templateFields(event, ["ID","Name","TaskName","Fields","Tags"])`);
    expect(await generated('servicenow', 'handler.ts')).toContain(
      "templateFields(event, ['ID', 'Name', 'TaskName', 'Fields', 'Tags'])",
    );
    expect(handler).not.toContain('eventTemplateData');
  });
});

describe('service tests', () => {
  it("set the test event's topic (teams) and refuse fields a test cannot set", async () => {
    expect(await generated('teams', 'service.ts')).toContain('topic: test.alert_topic,');
    expect(() =>
      parseKindSpec(spec('').replace('event: {}', 'event: { colour: "\'red\'" }'), 'probe.yaml'),
    ).toThrow(/service-test\.event\.colour: not an event field a test can set/);
  });

  it('redact a secret option in the listing (pushover user-key)', async () => {
    expect(await generated('pushover', 'service.ts')).toContain(
      "'user-key': secret('', 'Test option user-key'),",
    );
  });
});

describe('TICKscript entry methods of a map option', () => {
  it('take any value, as Go interface{} (sensu .metadata)', async () => {
    expect(await generated('sensu', 'tick.ts')).toContain("metadata: mapEntry('metadata', 'any'),");
  });
});

describe('examples for the generated tests', () => {
  it("use a bool's opposite as its alternative when the spec gives an example", () => {
    expect(exampleValue({ name: 'f', type: 'bool', example: false })).toBe(false);
    expect(exampleValue({ name: 'f', type: 'bool', example: false }, true)).toBe(true);
    expect(exampleValue({ name: 'f', type: 'bool' }, true)).toBe(false);
  });
});
