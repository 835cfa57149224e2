// Kapacitor's own kapacitor.conf loads as it is: what this host implements applies, what it
// does not (keys such as [http] write-tracing, sections such as [kubernetes], handler sections
// of kinds not installed) is set aside and listed, and every section that exists takes
// KAPACITOR_<SECTION>_<KEY> overrides.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { printConfig } from '../../src/cli/config-cmd.js';
import { infoOf } from '../../src/config/fields.js';
import { handlerSectionKinds } from '../../src/config/kapacitor-only.js';
import { loadConfig } from '../../src/config/load.js';
import type { SectionDef } from '../../src/config/section.js';
import { handlerSections } from '../../src/server/config.js';
import { tempDir } from '../helpers/host.js';

const stock = join(import.meta.dirname, '..', 'fixtures', 'config', 'kapacitor.conf');

describe('keys of the transport kinds that Kapacitor reads and this host does not', () => {
  it('set aside [smtp] toTemplates and the [[kafka]] SASL keys beyond PLAIN and SCRAM', () => {
    const file = join(tempDir(), 'kapacitor.conf');
    writeFileSync(
      file,
      [
        '[smtp]',
        '  toTemplates = ["{{ .Name }}@example.com"]',
        '[[kafka]]',
        '  id = "a"',
        '  sasl-oauth-service = "auth0"',
        '[[kafka]]',
        '  id = "b"',
        '  sasl-oauth-service = "auth0"',
        '  sasl_extensions = { k = "v" }',
      ].join('\n'),
    );
    const installed = new Set(Object.keys(handlerSections));
    const { ignored } = loadConfig({ path: file, env: {} });
    if (installed.has('smtp')) expect(ignored).toContain('[smtp] toTemplates: not implemented by this host'); // prettier-ignore
    if (installed.has('kafka')) {
      expect(ignored.filter((i) => i.startsWith('[kafka]')).sort()).toEqual([
        '[kafka] sasl-oauth-service: not implemented by this host',
        '[kafka] sasl_extensions: not implemented by this host',
      ]);
    }
  });
});

describe("Kapacitor's stock kapacitor.conf", () => {
  it('loads, applying what this host has and listing the rest', () => {
    const { config, ignored } = loadConfig({ path: stock, env: {} });
    expect(config.http['bind-address']).toBe(':9092');
    expect(config.http['shutdown-timeout']).toBe(10e9);
    expect(config['config-override'].enabled).toBe(true);
    for (const key of ['write-tracing', 'pprof-enabled', 'https-enabled', 'https-certificate']) {
      expect(ignored).toContain(`[http] ${key}: not implemented by this host`);
    }
    expect(ignored).toContain('[storage] boltdb: not implemented by this host');
    for (const section of [
      'kubernetes',
      'replay',
      'task',
      'deadman',
      'reporting',
      'stats',
      'udf',
    ]) {
      expect(ignored).toContain(`[${section}]: not implemented by this host`);
    }
    expect(ignored).toContain('hostname: not used by this host');
    // Every handler section of the file: applied when its kind is installed, else named.
    const installed = new Set(Object.keys(handlerSections));
    for (const [section, kind] of Object.entries(handlerSectionKinds)) {
      const hint = `[${section}]: the ${kind} handler kind is not installed (\`npm run new-handler ${kind}\` adds it)`;
      if (installed.has(section)) expect(ignored).not.toContain(hint);
      else expect(ignored).toContain(hint);
    }
    expect(new Set(ignored).size).toBe(ignored.length);
  });

  it('`condenser config` prints every installed section and lists what it set aside', () => {
    let out = '';
    expect(printConfig({ config: stock }, (s) => void (out += s))).toBe(0);
    for (const section of Object.keys(handlerSections))
      expect(out).toMatch(new RegExp(`^\\[\\[?${section}\\]`, 'm'));
    expect(out).toContain('# Set aside (this host does not implement them):');
    expect(out).toContain('#   [kubernetes]: not implemented by this host');
  });

  it('takes KAPACITOR_<SECTION>_<KEY> for every handler section that exists', () => {
    for (const [name, def] of Object.entries(handlerSections as Record<string, SectionDef>)) {
      // A plain string field of the section (no validation beyond the type).
      const shape = def.schema.shape as Record<string, z.ZodType>;
      const field = Object.keys(shape).find((k) => {
        const info = infoOf(shape[k]!);
        return info?.kind === 'string' && !info.secret && info.redaction === undefined && !info.destination && k !== def.list?.key; // prettier-ignore
      });
      if (field === undefined) continue;
      const env = `KAPACITOR_${name.toUpperCase()}${def.list ? '_0' : ''}_${field.toUpperCase().replace(/-/g, '_')}`;
      const { config } = loadConfig({ path: stock, env: { [env]: 'from-the-environment' } });
      const section = (config as Record<string, unknown>)[name];
      const element = (Array.isArray(section) ? section[0] : section) as Record<string, unknown>;
      expect(element[field], env).toBe('from-the-environment');
    }
  });
});
