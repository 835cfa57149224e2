// The alert node renders Kapacitor's default templates without the template engine (the
// message `{{ .ID }} is {{ .Level }}` by concatenation, the details `{{ json . }}` by
// default-details.ts) because they run for every event. Each must render exactly what the
// engine renders: the same templates with a no-op `{{ if true }}{{ end }}` appended take the
// engine's path, and both are compared over generated inputs, hostile strings and numbers
// Go cannot encode included.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fields } from '../../../src/alert/event.js';
import { Level } from '../../../src/alert/level.js';
import { AlertTemplates, type MessageInput } from '../../../src/task/alert/templates.js';
import { parseTemplate } from '../../../src/tick/template/index.js';

const engineSuffix = '{{ if true }}{{ end }}';

function pair(message: string, details: string): [AlertTemplates, AlertTemplates] {
  const id = '{{ .Name }}:{{ .Group }}';
  return [
    AlertTemplates.parse({ id, message, details }),
    AlertTemplates.parse({ id, message: message + engineSuffix, details: details + engineSuffix }),
  ];
}

// Characters every escaper treats specially, mixed into ordinary text.
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  // eslint-disable-next-line no-control-regex
  fc.stringMatching(/^[a-z"'<>&+\\\n\t\u0000\u2028\ud800 ]{0,12}$/),
);
const fieldValue: fc.Arbitrary<Fields[string]> = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 1e21, 1e-7, Number.NaN, Infinity, -Infinity),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  text,
  fc.boolean(),
);
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const input: fc.Arbitrary<MessageInput> = fc.record({
  name: text,
  taskName: text,
  group: fc.oneof(fc.constant(''), text),
  tags: fc.dictionary(text, text, { maxKeys: 4 }),
  serverInfo: fc.record({ Hostname: text, ClusterID: text, ServerID: text }),
  id: text,
  fields: fc.dictionary(text, fieldValue, { maxKeys: 4 }),
  level: fc.constantFrom(Level.OK, Level.INFO, Level.WARNING, Level.CRITICAL),
  time: fc.oneof(int64, fc.bigInt({ min: 0n, max: 4_102_444_800_000_000_000n })),
  duration: int64,
});

describe('default alert templates without the engine', () => {
  it('takes the concatenation path for field-only templates, the engine for the others', () => {
    expect(parseTemplate('m', '{{ .ID }} is {{ .Level }}').simpleFields).toEqual(['ID', 'Level']);
    expect(parseTemplate('m', `{{ .ID }}${engineSuffix}`).simpleFields).toBeUndefined();
    expect(parseTemplate('m', '{{ .ID | printf "%s" }}').simpleFields).toBeUndefined();
  });

  for (const [message, details] of [
    ['{{ .ID }} is {{ .Level }}', '{{ json . }}'],
    ['{{.Name}}/{{.TaskName}}/{{.Group}}: {{ .Level }}', '{{json .}}'],
    ['<{{ .ID }}> & "{{ .Level }}"', '{{ json . }}'],
  ] as const) {
    it(`renders ${JSON.stringify(message)} and ${JSON.stringify(details)} as the engine does`, () => {
      const [fast, engine] = pair(message, details);
      fc.assert(
        fc.property(input, (i) => {
          expect(fast.renderMessageAndDetails(i)).toEqual(engine.renderMessageAndDetails(i));
        }),
        { numRuns: 400 },
      );
    });
  }

  it('renders an empty details for a value Go cannot encode, as Kapacitor does', () => {
    const [fast, engine] = pair('{{ .ID }}', '{{ json . }}');
    const i = fc.sample(input, 1)[0]!;
    const nan = { ...i, fields: { v: Number.NaN } };
    expect(fast.renderMessageAndDetails(nan).details).toBe('');
    expect(engine.renderMessageAndDetails(nan).details).toBe('');
  });
});
