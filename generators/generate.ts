// The new-handler pipeline: answers → a kind spec (the catalogue's, or one made from flags) →
// rendered templates → staged in a Plan with the wiring → formatted → either a diff
// (--dry-run) or one all-or-nothing commit. Prints the plan first and the next commands after.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  formatPlan,
  prefetchFormat,
  prepareFormat,
  workerDefinedString,
  workerExportedNames,
} from './format.js';
import { keepInventoryOf, readInventory, type Inventory } from './inventory.js';
import { specFromFlags } from './kind/from-flags.js';
import { loadKindSpec, parseKindSpec, type KindSpec } from './kind/load.js';
import { specPath } from './kind/regenerate.js';
import { renderKind } from './kind/render.js';
import { kindView } from './kind/view.js';
import { Plan, type FileChange } from './plan.js';
import { withSession } from './session.js';
import {
  buildSpec,
  isPeerTransport,
  kapacitorKinds,
  SpecError,
  type SpecInput,
  type Transport,
} from './spec.js';
import {
  keepAfterOutlinedWiring,
  keepTouchPointOutlines,
  touchPoints,
  wireKind,
  wireNewKind,
  type TouchPointReport,
} from './wiring/index.js';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** A kind to generate: its spec, and the spec file's text when it must be written too. */
export interface KindSource {
  spec: KindSpec;
  specText?: string;
}

/** Answers that would change a catalogue kind's wire format, with the flag that gives them. */
const wireFlags: Array<[keyof SpecInput, string]> = [
  ['options', '--option'],
  ['config', '--config'],
  ['secrets', '--secret'],
  ['listSection', '--list-section'],
  ['tickName', '--tick-name'],
  ['transport', '--transport'],
  ['success', '--success'],
];

/**
 * The spec for a set of answers: Kapacitor's kinds come from the catalogue (flags that would
 * change their wire format are refused); any other name is built from the flags, or comes
 * whole from a kind spec given with --spec.
 */
export function resolveKind(
  input: SpecInput & { kindSpec?: { text: string; file: string } },
  root: string,
  inventory: Inventory,
): KindSource {
  const kind = input.kind ?? '';
  if (input.kindSpec) {
    const spec = parseKindSpec(input.kindSpec.text, input.kindSpec.file);
    if (input.kind !== undefined && spec.kind !== input.kind) {
      throw new SpecError(
        `${input.kindSpec.file}: the spec is for "${spec.kind}", not "${input.kind}"`,
      );
    }
    checkNew(spec.kind, inventory);
    return { spec: { ...spec, file: specPath(spec.kind) }, specText: input.kindSpec.text };
  }
  const catalogued = path.join(root, specPath(kind));
  if ((kapacitorKinds as readonly string[]).includes(kind) && existsSync(catalogued)) {
    for (const [key, flag] of wireFlags) {
      if (input[key] !== undefined) {
        throw new SpecError(
          `${flag}: "${kind}" is Kapacitor's ${kind} handler, whose wire format is fixed by ${specPath(kind)}; generate it without flags, or pick another name (e.g. "my${kind}") for a handler of your own`,
        );
      }
    }
    checkNew(kind, inventory);
    return { spec: loadKindSpec(catalogued, specPath(kind)) };
  }
  const handler = buildSpec(input, inventory);
  const file = specPath(handler.kind);
  const specText =
    `# The ${handler.kind} handler, as \`npm run new-handler\` made it from flags. Edit this spec and\n` +
    '# run `npm run catalogue` to regenerate the kind (docs/ARCHITECTURE.md, "The kind spec language").\n' +
    stringify(specFromFlags(handler, peerBase(root, handler.transport)), { lineWidth: 0 });
  return { spec: parseKindSpec(specText, file), specText };
}

/** The catalogue spec a kind on a peer transport is built on (`--transport mqtt`: mqtt.yaml). */
function peerBase(root: string, transport: Transport): KindSpec | undefined {
  if (!isPeerTransport(transport)) return undefined;
  const file = specPath(transport);
  if (!existsSync(path.join(root, file))) {
    throw new SpecError(
      `--transport ${transport}: a ${transport} handler is built on Kapacitor's ${transport} kind, whose spec ${file} is missing (restore it from git)`,
    );
  }
  return loadKindSpec(path.join(root, file), file);
}

function checkNew(kind: string, inventory: Inventory): void {
  if (inventory.folders.includes(kind)) {
    throw new SpecError(
      `"${kind}" already exists in src/services/${kind}: pick another name, or remove it first with \`npm run remove-handler ${kind}\``,
    );
  }
}

export interface GenerateOptions {
  root: string;
  dryRun: boolean;
  io: Output;
  /** Writes the plan (a session's journaled commit). */
  commit: (plan: Plan) => Promise<FileChange[]>;
}

export interface GenerateResult {
  created: string[];
  changed: string[];
  touchPoints: TouchPointReport[];
}

function touchPointLine(r: TouchPointReport, kind: string): string {
  const state = r.added.includes(kind)
    ? 'added'
    : r.present.includes(kind)
      ? 'present'
      : 'not applicable';
  return `  ${r.file.padEnd(28)} ${state}`;
}

export interface SessionGeneratorOptions {
  root: string;
  dryRun: boolean;
  io: Output;
  /** Handle SIGINT/SIGTERM (scripts do; in-process callers do not). */
  handleSignals: boolean;
  lockWaitMs?: number;
}

/**
 * Answers → a generated handler, under the scaffolder's lock (after recovering any interrupted
 * commit), with the answers validated again against the tree as it is once the lock is held.
 */
export function sessionGenerator(
  options: SessionGeneratorOptions,
): (input: SpecInput & { kindSpec?: { text: string; file: string } }) => Promise<GenerateResult> {
  const { root, io } = options;
  return (input) =>
    withSession(
      {
        root,
        command: `new-handler ${input.kind ?? ''}`.trim(),
        notice: (line) => io.err(`new-handler: ${line}\n`),
        handleSignals: options.handleSignals,
        ...(options.lockWaitMs !== undefined ? { lockWaitMs: options.lockWaitMs } : {}),
      },
      (session) =>
        generateKind(resolveKind(input, root, readInventory(root)), {
          root,
          dryRun: options.dryRun,
          io,
          commit: (plan) => session.commit(plan),
        }),
    );
}

/** Stage a kind's files (and its spec, when new) in a plan; returns the kind's folder files. */
export function stageKind(plan: Plan, source: KindSource): void {
  const { spec } = source;
  for (const file of renderKind(spec)) {
    if (existsSync(plan.absolute(file.path))) {
      throw new Error(
        `${file.path} already exists: remove it first (npm run remove-handler ${spec.kind}), nothing was written`,
      );
    }
    plan.write(file.path, file.content);
  }
  if (source.specText !== undefined) plan.write(specPath(spec.kind), source.specText);
  if (spec.module !== undefined) {
    const module = `src/services/${spec.kind}/${spec.module}`;
    if (!plan.exists(module)) {
      throw new Error(
        `${spec.file} names the hand-written module ${module}, which does not exist: restore it (git checkout -- ${module}) or write it, then run this again`,
      );
    }
  }
}

export async function generateKind(
  source: KindSource,
  options: GenerateOptions,
): Promise<GenerateResult> {
  const { io, root } = options;
  const { spec } = source;
  const plan = new Plan({ root });
  stageKind(plan, source);
  prefetchFormat(plan); // the new files, in the formatting worker while the wiring runs
  const touchPointFiles = touchPoints.map((t) => t.file);
  prepareFormat(plan, touchPointFiles); // their prettier settings, looked up while wiring runs
  // From the touch points' outlines when they were analysed before (no TypeScript to load),
  // else through their trees.
  const exportedNames = workerExportedNames();
  let why = exportedNames ? '' : ' (no formatting worker)';
  const outlined =
    exportedNames &&
    (await wireNewKind(plan, spec.kind, exportedNames, (reason) => (why = ` (${reason})`)));
  const reports = outlined?.reports ?? wireKind(plan, spec.kind);
  if (process.env.CONDENSER_SCAFFOLD_DEBUG) {
    io.err(`wiring: ${outlined ? 'from the outlines' : `through the trees${why}`}\n`);
  }
  await formatPlan(plan, outlined?.edits);
  const changes = plan.changes();
  const created = changes.filter((c) => c.kind === 'created').map((c) => c.path);
  const changed = changes.filter((c) => c.kind === 'updated').map((c) => c.path);

  const section = spec.config?.list ? `[[${spec.kind}]]` : `[${spec.kind}]`;
  const tick = spec.tick ? `.${spec.tick.property}()` : 'no TICKscript property';
  io.out(`new-handler ${spec.kind}: ${tick}, config ${section}, from ${spec.file}\n`);
  for (const p of created) io.out(`  create  ${p}\n`);
  for (const p of changed) io.out(`  change  ${p}\n`);
  io.out('touch points:\n');
  for (const r of reports) io.out(touchPointLine(r, spec.kind) + '\n');

  if (options.dryRun) {
    io.out('\n' + plan.diff());
    io.out(
      `\n--dry-run: nothing written (${created.length} files to create, ${changed.length} to change)\n`,
    );
    return { created, changed, touchPoints: reports };
  }
  // What the next run reads of this one, found without TypeScript: the touch points' outlines
  // and states as this run made them, what the kind's files export and what the inventory
  // reads of them; kept by text, so read by the worker while the commit writes. Only a
  // cache: what cannot be kept is parsed by the next run.
  const kept =
    outlined && exportedNames
      ? Promise.all([
          keepAfterOutlinedWiring(plan, spec.kind, outlined.edits, exportedNames),
          keepInventoryOf(plan, spec.kind, workerDefinedString()),
        ]).catch(() => undefined)
      : undefined;
  await options.commit(plan);
  if (kept) await kept;
  else {
    // TypeScript is loaded: analyse what was written now, so that the next new kind is
    // wired from the outlines and its inventory (this kind's files) needs no parse.
    keepTouchPointOutlines(plan);
    readInventory(root);
  }
  io.out(`\nWrote ${created.length} files and changed ${changed.length}.\n`);
  io.out(nextSteps(spec));
  return { created, changed, touchPoints: reports };
}

export function nextSteps(spec: KindSpec): string {
  const v = kindView(spec);
  const lines = [
    '',
    'Next:',
    `  npm test -- ${spec.kind}                  # the generated tests`,
    '',
    '  # kapacitor.conf',
    ...v.exampleToml.split('\n').map((l) => `  ${l}`),
  ];
  if (v.hasTick) {
    lines.push('', '  # TICKscript', `  |alert().crit(lambda: "value" > 90)${v.exampleTick}`);
  }
  lines.push(
    '',
    '  # service test (host running: npm start)',
    `  npx condenser service-tests ${spec.kind}`,
    '',
  );
  return lines.join('\n');
}
