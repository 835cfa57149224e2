// Every fenced example of every handler kind's docs page (src/services/<kind>/README.md, made
// from templates/kind/README.md.hbs for generated kinds) runs against a real host: its
// kapacitor.conf starts the host, its TICKscript is defined and enabled, its handler file is
// defined, and its service test runs (test/helpers/doc-examples.ts says how blocks are run).
//
// The examples name placeholder services (https://url.example.com/a): so that nothing leaves
// this machine, the host starts with KAPACITOR_* variables pointing each http(s) destination
// of the page's config at a receiver on 127.0.0.1 (keeping its path) and each host:port one at
// a TCP receiver; a section that would still reach another host is started disabled. The
// service test may then fail (the receiver is not the real service): it must run, and an
// http(s) one must reach the receiver.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadKindSpec } from '../../generators/kind/load.js';
import type { RawTable } from '../../src/config/env.js';
import { infoOf } from '../../src/config/fields.js';
import type { SectionDef } from '../../src/config/section.js';
import { readTomlFile } from '../../src/config/toml-file.js';
import { allSections } from '../../src/server/config.js';
import {
  commandsOf,
  fencedBlocks,
  Scene,
  shellWords,
  type Block,
} from '../helpers/doc-examples.js';
import { serviceFolders } from '../helpers/installed.js';
import { repoRoot } from '../helpers/repo-copy.js';
import { closeAll } from '../helpers/receivers.js';

afterAll(() => closeAll());

const envName = (s: string) => s.toUpperCase().replace(/[-.]/g, '_');
/** A host name that is not this machine's (the placeholders are `*.example.com`). */
const remoteHost = /(?:^|[/@\s"'])(?!localhost\b)[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/i;

/**
 * KAPACITOR_* variables that keep the page's config from reaching anything but the receivers,
 * and the sections started disabled because they would.
 */
function localDestinations(scene: Scene): { env: Record<string, string>; disabled: string[] } {
  const env: Record<string, string> = {};
  const disabled: string[] = [];
  const raw = readTomlFile(path.join(scene.dir, 'kapacitor.conf'));
  const sections = allSections as Record<string, SectionDef>;
  for (const [name, value] of Object.entries(raw)) {
    const def = sections[name];
    if (!def) continue;
    const shape = def.schema.shape as Record<string, Parameters<typeof infoOf>[0]>;
    const elements = (Array.isArray(value) ? value : [value]) as RawTable[];
    elements.forEach((element, i) => {
      const prefix = `KAPACITOR_${envName(name)}${def.list ? `_${i}` : ''}`;
      let remote = false;
      for (const [key, v] of Object.entries(element)) {
        const field = shape[key];
        const info = field ? infoOf(field) : undefined;
        if (typeof v === 'string' && /^https?:\/\//.test(v)) {
          const url = new URL(v);
          env[`${prefix}_${envName(key)}`] =
            `${scene.receiver!.url.replace(/\/alert$/, '')}${url.pathname}`;
        } else if (info?.destination && typeof v === 'string' && /^[^/]+:\d+$/.test(v)) {
          env[`${prefix}_${envName(key)}`] = scene.tcp!.address;
        } else if (JSON.stringify(v).match(remoteHost)) {
          remote = true;
        }
      }
      if (remote && Object.hasOwn(def.schema.shape, 'enabled')) {
        env[`${prefix}_ENABLED`] = 'false';
        disabled.push(name);
      }
    });
  }
  return { env, disabled };
}

/** A kind whose spec sends over SMTP, MQTT, SNMP or Kafka rather than HTTP or TCP. */
function peerTransportKind(kind: string): boolean {
  const file = path.join(repoRoot, 'generators/catalogue', `${kind}.yaml`);
  if (!existsSync(file)) return false;
  const transports = loadKindSpec(file, kind).requests.map((r) => r.transport ?? 'http');
  return transports.some((t) => t !== 'http' && t !== 'tcp');
}

const pageOf = (kind: string) => path.join(repoRoot, 'src/services', kind, 'README.md');
/** Every kind whose page has examples (the built-in ones without examples describe options inline). */
const kinds = serviceFolders().filter(
  (k) => existsSync(pageOf(k)) && fencedBlocks(readFileSync(pageOf(k), 'utf8')).length > 0,
);

describe('handler kinds docs pages', () => {
  it('some pages have examples (the kinds are read from src/services)', () => {
    expect(kinds.length).toBeGreaterThan(0);
  });

  it.each(kinds)(
    'src/services/%s/README.md: every example runs',
    async (kind) => {
      const page = readFileSync(pageOf(kind), 'utf8');
      const blocks = fencedBlocks(page);
      const scene = new Scene({ hostEnv: (s) => localDestinations(s).env });
      try {
        await scene.ensureReceiver();
        await scene.ensureTCP();
        const ran: Block[] = [];
        for (const block of blocks) {
          const where = `${kind}/README.md:${block.line}`;
          if (block.attrs['not-run'] !== undefined) {
            expect(block.attrs['not-run'], `${where}: not-run needs a reason`).not.toBe('');
            continue;
          }
          if (block.attrs.file !== undefined) {
            await scene.writeFile(block.attrs.file, block.text);
            ran.push(block);
            continue;
          }
          expect(block.lang, `${where}: a block is a file (file=NAME), sh, or not-run="why"`).toBe(
            'sh',
          );
          for (const command of commandsOf(block.text)) {
            const words = shellWords(command).words;
            if (words[2] !== 'service-tests') {
              await scene.runChecked(command);
              continue;
            }
            // A service test may fail against a receiver that is not the real service (it
            // expects 201, say); it must run, and reach the receiver unless started disabled.
            const sent = () => scene.receiver!.received.length + scene.tcp!.messages.length;
            const before = sent();
            const r = await scene.run(command);
            expect(r.code, `${where}: ${command}\n${r.out}`).toBeLessThan(2);
            expect(r.out, `${where}: ${command}`).toMatch(
              new RegExp(`^Service +Success +Message\\n${words[3]} +(true|false)`),
            );
            // Kinds of the peer transports (mail, MQTT, SNMP, Kafka) send to servers this scene
            // does not run: their deliveries are checked at real peers by the catalogue
            // conformance tests; here their service test must run and answer.
            if (peerTransportKind(kind)) continue;
            const disabled = localDestinations(scene).disabled.includes(words[3]!);
            // A TCP receiver has its message when the host closes the connection, which can
            // come after the CLI's answer (an HTTP receiver has answered before the host did).
            if (!disabled) {
              await vi
                .waitFor(() => expect(sent()).toBeGreaterThan(before), { timeout: 10_000 })
                .catch(() => undefined);
            }
            expect(sent() > before, `${where}: ${command} reached a receiver\n${r.out}`).toBe(
              !disabled,
            );
          }
          ran.push(block);
        }
        // The page's files were all used, and the task and handler it defines run.
        const files = ran.filter((b) => b.attrs.file !== undefined).map((b) => b.attrs.file!);
        expect(files).toContain('kapacitor.conf');
        const commands = ran.flatMap((b) => (b.lang === 'sh' ? commandsOf(b.text) : [])).join('\n');
        for (const f of files.filter((f) => f !== 'kapacitor.conf')) expect(commands).toContain(f);
        const tasks = (await scene.run('npx condenser list tasks')).out;
        if (files.some((f) => f.endsWith('.tick'))) {
          expect(tasks).toMatch(new RegExp(`\\n${kind}_alert +stream +enabled +true `));
        }
        const handlers = (await scene.run('npx condenser list topic-handlers')).out;
        if (files.some((f) => f.endsWith('.yaml'))) expect(handlers.split('\n').length).toBe(3);
      } finally {
        await scene.close();
      }
    },
    60_000,
  );
});
