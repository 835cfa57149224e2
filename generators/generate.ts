// The new-handler pipeline: spec → rendered templates → staged in a Plan with the wiring →
// formatted → either a diff (--dry-run) or one all-or-nothing commit. Prints the plan first
// and the next commands after.

import { existsSync } from 'node:fs';
import { formatPlan } from './format.js';
import { readInventory } from './inventory.js';
import { Plan, type FileChange } from './plan.js';
import { renderHandler } from './render.js';
import { buildSpec, type HandlerSpec, type SpecInput } from './spec.js';
import { withSession } from './session.js';
import { handlerView } from './view.js';
import { wireKind, type TouchPointReport } from './wiring/index.js';

export interface Output {
  out(text: string): void;
  err(text: string): void;
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
): (input: SpecInput) => Promise<GenerateResult> {
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
        generateHandler(buildSpec(input, readInventory(root)), {
          root,
          dryRun: options.dryRun,
          io,
          commit: (plan) => session.commit(plan),
        }),
    );
}

export async function generateHandler(
  spec: HandlerSpec,
  options: GenerateOptions,
): Promise<GenerateResult> {
  const { io, root } = options;
  const plan = new Plan({ root });
  for (const file of renderHandler(spec)) {
    if (existsSync(plan.absolute(file.path))) {
      throw new Error(
        `${file.path} already exists: remove it first (npm run remove-handler ${spec.kind}), nothing was written`,
      );
    }
    plan.write(file.path, file.content);
  }
  const reports = wireKind(plan, spec.kind);
  await formatPlan(plan);
  const changes = plan.changes();
  const created = changes.filter((c) => c.kind === 'created').map((c) => c.path);
  const changed = changes.filter((c) => c.kind === 'updated').map((c) => c.path);

  io.out(
    `new-handler ${spec.kind}: .${spec.tickName}() over ${spec.transport}, config [${spec.listKey ? `[${spec.kind}]` : spec.kind}]\n`,
  );
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
  await options.commit(plan);
  io.out(`\nWrote ${created.length} files and changed ${changed.length}.\n`);
  io.out(nextSteps(spec));
  return { created, changed, touchPoints: reports };
}

export function nextSteps(spec: HandlerSpec): string {
  const v = handlerView(spec);
  const section = spec.listKey ? `[[${spec.kind}]]` : `[${spec.kind}]`;
  const keyLine = spec.listKey ? `\n  ${spec.listKey} = "primary"` : '';
  return [
    '',
    'Next:',
    `  npm test -- ${spec.kind}                  # the generated tests`,
    '',
    '  # kapacitor.conf',
    `  ${section}${keyLine}`,
    '    enabled = true',
    `    ${v.target} = "${v.targetExample}"`,
    '',
    '  # TICKscript',
    `  |alert().crit(lambda: "value" > 90).${spec.tickName}()${v.tickChain}`,
    '',
    '  # service test (host running: npm start)',
    `  curl -XPOST http://127.0.0.1:9092/kapacitor/v1/service-tests/${spec.kind} -d '{}'`,
    '',
  ].join('\n');
}
