// Generator tests run on a throw-away copy of the repository (sources, configs, generators,
// node_modules symlinked), never on the working tree.

import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import type { Output } from '../../generators/cli.js';
import { Plan } from '../../generators/plan.js';
import { readHandlerFolders, touchPoints } from '../../generators/wiring/index.js';
import type { HandlerFile } from '../../generators/wiring/touch-point.js';
import { linkScaffoldBuild, type CopyOptions } from '../helpers/repo-copy.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const copied = [
  'src',
  'generators',
  'templates',
  'bin',
  'test',
  'package.json',
  'tsconfig.json',
  '.prettierrc.json',
  '.prettierignore',
];

/** A fresh copy of the repository in a temp dir; remove it with `removeRepoCopy`. */
export function copyRepo(options: CopyOptions = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'condenser-generators-'));
  for (const entry of copied) {
    cpSync(path.join(repoRoot, entry), path.join(root, entry), { recursive: true });
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  if (options.scaffoldBuild) linkScaffoldBuild(root);
  return root;
}

/**
 * Format the copy's touch points with prettier. The byte-for-byte round trip (wire, then
 * unwire) holds for prettier-clean touch points, which `npm run format:check` guarantees
 * for committed code; formatting the copy first keeps these tests independent of anyone's
 * unformatted work in progress in the working tree.
 */
export async function formatTouchPoints(root: string): Promise<void> {
  for (const touchPoint of touchPoints) {
    const file = path.join(root, touchPoint.file);
    const options = (await prettier.resolveConfig(file)) ?? {};
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
  }
}

export function removeRepoCopy(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** The text of every touch point, by repo-relative path. */
export function readTouchPoints(root: string): Map<string, string> {
  return new Map(touchPoints.map((t) => [t.file, readFileSync(path.join(root, t.file), 'utf8')]));
}

/**
 * A minimal handler folder whose files export what the touch points import. With all four
 * files it compiles against the host's contracts (the typecheck test relies on that).
 */
export function writeFakeHandler(
  root: string,
  kind: string,
  files: HandlerFile[] = ['config.ts', 'service.ts', 'handler.ts', 'tick.ts'],
): void {
  const pascal = kind.charAt(0).toUpperCase() + kind.slice(1);
  const sources: Record<HandlerFile, string> = {
    'config.ts': `import { z } from 'zod';
import { string } from '../../config/fields.js';
import { defineSection } from '../../config/section.js';

export const ${kind}Config = defineSection({
  name: '${kind}',
  description: 'A fake handler for the wiring tests.',
  schema: z.strictObject({ url: string('', 'Where events go') }),
});
`,
    'service.ts': `import type { SectionValue } from '../../config/section.js';
import type { Service, ServiceDeps } from '../../server/service.js';
import type { ${kind}Config } from './config.js';

type ${pascal}Settings = SectionValue<typeof ${kind}Config>;

export class ${pascal}Service implements Service<${pascal}Settings> {
  readonly name = '${kind}';

  constructor(
    private settings: ${pascal}Settings,
    readonly deps: ServiceDeps,
  ) {}

  update(settings: ${pascal}Settings): void {
    this.settings = settings;
  }
}
`,
    'handler.ts': `import { z } from 'zod';
import { defineHandlerKind } from '../../alert/handler.js';

export const ${kind}Handler = defineHandlerKind({
  kind: '${kind}',
  external: true,
  options: z.strictObject({}),
  create: () => ({ handle: async () => {} }),
});
`,
    'tick.ts': `import { defineTickHandler } from '../../pipeline/handler-property.js';

export const ${kind}Tick = defineTickHandler({
  property: '${kind}',
  args: [],
  init: () => ({}),
  methods: {},
});
`,
  };
  const dir = path.join(root, 'src/services', kind);
  mkdirSync(dir, { recursive: true });
  for (const file of files) writeFileSync(path.join(dir, file), sources[file]);
}

/** An Output that records lines, for asserting on what a script printed. */
export function recordingOutput(): Output & {
  out: Output['out'];
  lines: string[];
  errors: string[];
} {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => lines.push(line), err: (line) => errors.push(line) };
}

/** The kinds each touch point of a (complete) copy wires, by file: what its folders call for. */
export function wiredKinds(root: string): Map<string, string[]> {
  const { folders } = readHandlerFolders(new Plan({ root }));
  return new Map(
    touchPoints.map((t) => [
      t.file,
      folders.filter((f) => t.appliesTo(f.files)).map((f) => f.kind),
    ]),
  );
}

/** Script output lines with runs of spaces collapsed (column widths depend on name lengths). */
export function squeezed(lines: string[]): string[] {
  return lines.map((l) => l.trim().replace(/\s+/g, ' '));
}

/** `Foo` of `foo`. */
export function pascalOf(kind: string): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}
