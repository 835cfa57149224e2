// The scaffolder as `npm run` starts it: generators/launch.js runs the compiled bundle
// (generators/bundle.js), built when missing or stale, with its caches. What the caches keep
// must never hide a change: each edit below is found on the next run.

import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedPaths } from '../../generators/check-memo.js';
import { resolveKind } from '../../generators/generate.js';
import { emptyInventory } from '../../generators/inventory.js';
import { renderKind } from '../../generators/kind/render.js';
import { touchPoints } from '../../generators/wiring/index.js';
import { gitCopyOfRepo, repoRoot } from '../helpers/repo-copy.js';

let root: string;

beforeAll(() => {
  root = gitCopyOfRepo('condenser-launch-');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function launch(...args: string[]) {
  return launchWith({}, ...args);
}

/** With its debug lines on stderr: what it built and loaded. */
function launchDebug(...args: string[]) {
  return launchWith({ CONDENSER_SCAFFOLD_DEBUG: '1' }, ...args);
}

function launchWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, ['generators/launch.js', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const manifest = () =>
  JSON.parse(readFileSync(path.join(root, 'dist/scaffold/manifest.json'), 'utf8')) as {
    bundle: string;
    scripts: Record<string, string>;
  };

/** Change a file for the length of `body`, then put it back byte for byte. */
function edited(file: string, change: (text: string) => string, body: () => void): void {
  const absolute = path.join(root, file);
  const original = readFileSync(absolute, 'utf8');
  writeFileSync(absolute, change(original));
  try {
    body();
  } finally {
    writeFileSync(absolute, original);
  }
}

/** Two catalogue kinds installed in the copy with a config section and a handler. */
function catalogueKinds(): [string, string] {
  const kinds = readdirSync(path.join(root, 'generators/catalogue'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .filter((k) => ['config.ts', 'handler.ts'].every((f) => existsSync(path.join(root, 'src/services', k, f))))
    .sort();
  expect(kinds.length).toBeGreaterThanOrEqual(2);
  return [kinds[0]!, kinds[1]!];
} // prettier-ignore

describe('generators/launch.js', () => {
  it('builds the bundle once, then runs it as it is until a source changes', () => {
    const first = launch('wire', '--check');
    expect(first).toMatchObject({ code: 0, stdout: 'wiring is complete\n', stderr: '' });
    const built = manifest().bundle;
    const stamp = statSync(path.join(root, 'dist/scaffold/manifest.json')).mtimeMs;
    expect(launch('wire', '--check')).toMatchObject({ code: 0, stdout: 'wiring is complete\n' });
    expect(statSync(path.join(root, 'dist/scaffold/manifest.json')).mtimeMs).toBe(stamp);

    // Running the new code: a changed usage text is printed. TypeScript's script is kept: none
    // of its inputs changed.
    const tsMorph = manifest().scripts['ts-morph'];
    edited('generators/wire.ts', (t) => t.replace('Usage: npm run wire', 'Usage (changed): npm run wire'), () => {
      const changed = launchDebug('wire', '--help');
      expect(changed.stdout).toMatch(/^Usage \(changed\): npm run wire/);
      expect(changed.stderr).toContain('scaffold: built; kept from the last build: ts-morph\n');
      expect(manifest().bundle).not.toBe(built);
      expect(manifest().scripts['ts-morph']).toBe(tsMorph);
    }); // prettier-ignore
    // Put back, with a change of the build itself (generators/bundle.js), an input of every
    // script: all are bundled again. Left changed, a comment only: putting it back would cost
    // one more build.
    const builder = path.join(root, 'generators/bundle.js');
    writeFileSync(builder, `${readFileSync(builder, 'utf8')}// changed\n`);
    const back = launchDebug('wire', '--help');
    expect(back.stdout).toMatch(/^Usage: npm run wire/);
    expect(back.stderr).toContain('scaffold: built; kept from the last build: nothing\n');
    // The formatting worker's reader of a kind's exports runs outside the bundle, and the
    // analysis cache keeps its answers under the build's name: an edit of it names a new build.
    const beforeReader = manifest().bundle;
    const reader = path.join(root, 'generators/exported-names.cjs');
    writeFileSync(reader, `${readFileSync(reader, 'utf8')}// changed\n`);
    const readerChanged = launchDebug('wire', '--help');
    expect(readerChanged.stderr).toContain('scaffold: built; kept from the last build: ts-morph\n');
    expect(manifest().bundle).not.toBe(beforeReader);
  }, 240_000);

  it('finds a hand edit of a generated file, a miswired entry and a renamed export on a warm run', () => {
    const [kind, other] = catalogueKinds();
    expect(launch('wire', '--check').code).toBe(0); // every answer now in the caches

    edited(
      `src/services/${kind}/options.ts`,
      (t) => t.replace(/\n$/, '\n// edited\n'),
      () => {
        const r = launch('wire', '--check');
        expect(r.code).toBe(1);
        expect(r.stdout).toContain(`src/services/${kind}/options.ts:`);
        expect(r.stdout).toContain('are never edited by hand');
      },
    );

    edited('src/alert/service.ts', (t) => t.replace(`${kind}: ${kind}Handler,`, `${kind}: ${other}Handler,`), () => {
      const r = launch('wire', '--check');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`src/alert/service.ts: handler kind "${kind}" is miswired`);
    }); // prettier-ignore

    edited(`src/services/${kind}/config.ts`, (t) => t.replaceAll(`${kind}Config`, `${kind}Settings`), () => {
      const r = launch('wire', '--check');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`does not export ${kind}Config`);
    }); // prettier-ignore

    // Put back, the tree is as the caches knew it.
    expect(launch('wire', '--check')).toMatchObject({ code: 0, stdout: 'wiring is complete\n' });
  }, 240_000);

  it('answers a tree it passed before without loading the scaffolder, and checks in full after any change of an input', () => {
    expect(launch('wire', '--check')).toMatchObject({ code: 0, stdout: 'wiring is complete\n' });
    // The build replaced (by rename: its file may be a hard link) with one that fails when run:
    // a check that loads it fails, one answered from the memo does not.
    const bundle = path.join(root, manifest().bundle);
    const kept = `${bundle}.kept`;
    renameSync(bundle, kept);
    writeFileSync(bundle, "throw new Error('the scaffolder was loaded');\n");
    const loadsScaffolder = () => {
      const r = launch('wire', '--check');
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('the scaffolder was loaded');
    };
    const [kind] = catalogueKinds();
    try {
      expect(launch('wire', '--check')).toMatchObject({
        code: 0,
        stdout: 'wiring is complete\n',
        stderr: '',
      });
      const comment = (t: string) => `${t}// a comment\n`;
      for (const file of [
        'src/server/server.ts', // a touch point
        `src/services/${kind}/handler.ts`, // a handler folder
        `generators/catalogue/${kind}.yaml`, // a spec
        'templates/kind/handler.ts.hbs', // a template
        `test/services/${kind}.test.ts`, // a generated test
        '.prettierrc.json', // prettier's options
      ]) {
        const change = file.endsWith('.json')
          ? (t: string) => t.replace('{', '{ "semi": true,')
          : comment;
        edited(file, change, loadsScaffolder);
      }
      const state = path.join(root, '.condenser-scaffold');
      mkdirSync(state, { recursive: true });
      for (const pending of ['journal.json', 'lock']) {
        writeFileSync(path.join(state, pending), '{}');
        try {
          loadsScaffolder();
        } finally {
          rmSync(path.join(state, pending));
        }
      }
      // All put back: the memo answers again.
      expect(launch('wire', '--check')).toMatchObject({ code: 0, stdout: 'wiring is complete\n' });
    } finally {
      renameSync(kept, bundle);
    }
  }, 240_000);

  it("keeps in the memo's digest every touch point and every file generation writes", () => {
    const generated = renderKind(resolveKind({ kind: 'memo' }, repoRoot, emptyInventory).spec);
    const files = [...touchPoints.map((t) => t.file), ...generated.map((f) => f.path)];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files)
      expect(
        checkedPaths.some((t) => file === t || file.startsWith(`${t}/`)),
        file,
      ).toBe(true);
  });

  it('says where a generator source does not compile, without a stack trace', () => {
    edited('generators/cli.ts', (t) => `${t}\nexport const broken = ;\n`, () => {
      const r = launch('wire', '--check');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^wire: the scaffolder does not compile:\ngenerators\/cli\.ts:\d+:\d+: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }); // prettier-ignore
    expect(launch('wire', '--check').code).toBe(0);
  }, 240_000);

  it('refuses an unknown command with usage, exit 2', () => {
    const r = launch('wires');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('launch: unknown command "wires"; one of: new-handler, wire, catalogue, remove-handler');
  }); // prettier-ignore
});
