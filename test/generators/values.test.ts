// Every string a user gives (defaults and descriptions, from flags or a --spec file) reaches
// the generated code exactly: quotes of both kinds, backslashes, line breaks, non-ASCII and
// Markdown's own characters. The generated modules are loaded and asked for their values.

import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runNewHandler } from '../../generators/new-handler.js';
import { unusedName } from '../helpers/installed.js';
import { gitCopyOfRepo } from '../helpers/repo-copy.js';
import { recordingOutput } from './helpers.js';

const kind = unusedName('quoted');
const nasty = `it's "quoted" \\ back\\slash\nsecond line ünïcødé ✓ | pipe \`tick\` <b>`;

const spec = {
  kind,
  config: [
    { name: 'greeting', type: 'string', default: nasty, description: `Config: ${nasty}` },
    { name: 'names', type: 'string-list', default: [nasty, "'"], description: 'plain' },
  ],
  options: [
    // Not named like a config field: such an option falls back to the config and has no default.
    { name: 'salutation', type: 'string', default: nasty, description: `Option: ${nasty}` },
    { name: 'labels', type: 'string-map', default: { 'a "b"': `c'd\\`, ü: '\n' } },
  ],
};

describe('user values in generated code', () => {
  let root: string;
  beforeAll(async () => {
    root = gitCopyOfRepo('condenser-values-');
    const file = path.join(root, 'spec.yaml');
    writeFileSync(file, stringify(spec));
    const io = recordingOutput();
    const code = await runNewHandler(['--spec', file], {
      root,
      io: { out: (t) => io.out(t), err: (t) => io.err(t) },
      isTTY: false,
    });
    expect(code, io.errors.join('')).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('are the defaults and descriptions of the loaded config and options schemas', () => {
    // Load the generated modules as the host does and read defaults and docs back.
    const script = `
      const { fieldInfo } = await import('./src/config/fields.ts');
      const { ${kind}Config } = await import('./src/services/${kind}/config.ts');
      const { ${kind}Options } = await import('./src/services/${kind}/options.ts');
      const read = (schema) => Object.fromEntries(Object.entries(schema.shape).map(
        ([k, s]) => [k, { default: schema.parse({})[k], description: fieldInfo.get(s)?.description }]));
      process.stdout.write(JSON.stringify({ config: read(${kind}Config.schema), options: read(${kind}Options) }));
    `;
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    const loaded = JSON.parse(r.stdout) as Record<
      'config' | 'options',
      Record<string, { default: unknown; description: string }>
    >;
    expect(loaded.config.greeting).toEqual({ default: nasty, description: `Config: ${nasty}` });
    expect(loaded.config.names).toEqual({ default: [nasty, "'"], description: 'plain' });
    expect(loaded.options.salutation).toEqual({ default: nasty, description: `Option: ${nasty}` });
    expect(loaded.options.labels!.default).toEqual({ 'a "b"': `c'd\\`, ü: '\n' });
  });

  it('are shown in the docs page without breaking its tables', () => {
    const readme = readFileSync(path.join(root, `src/services/${kind}/README.md`), 'utf8');
    const row = readme
      .split('\n')
      .find((l) => l.startsWith('| `greeting` |') && l.includes('Config:'));
    // Cells split at the pipes Markdown sees (not the escaped ones); prettier pads them.
    const cells = row!.split(/(?<!\\)\|/).map((c) => c.trim());
    expect(cells).toEqual([
      '',
      '`greeting`',
      'string',
      '``"it\'s \\"quoted\\" \\\\ back\\\\slash\\nsecond line ünïcødé ✓ \\| pipe `tick` <b>"``',
      'Config: it\'s "quoted" \\\\ back\\\\slash<br>second line ünïcødé ✓ \\| pipe `tick` &lt;b>',
      '',
    ]);
  });
});
