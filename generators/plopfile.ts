// plop's view of the scaffolder: the `new-handler` generator's prompts (the same validation
// as the flags) and its one action, which runs Condenser's all-or-nothing pipeline. Used by
// `npm run new-handler` (generators/new-handler.ts); `npx plop --plopfile generators/plopfile.ts`
// works too.

import type { NodePlopAPI } from 'node-plop';
import { sessionGenerator, type GenerateResult } from './generate.js';
import { readInventory, type Inventory } from './inventory.js';
import {
  fieldTypes,
  kindProblem,
  tickNameProblem,
  parseFieldFlag,
  transports,
  type SpecInput,
} from './spec.js';

export interface NewHandlerAnswers {
  kind: string;
  transport: string;
  options: string;
  config: string;
  secrets: string;
  listSection: string;
  tickName: string;
}

/** Settings the action needs that are not answers. */
export interface PlopContext {
  root: string;
  existing: () => Inventory;
  /** Validates the answers and generates (under the scaffolder's lock, journaled). */
  generate: (input: SpecInput) => Promise<GenerateResult>;
  /** answers that came from flags and are not asked again */
  preset: Partial<SpecInput>;
}

const splitList = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

function validateFields(text: string, flag: string): true | string {
  try {
    for (const f of splitList(text)) parseFieldFlag(f, flag);
    return true;
  } catch (err) {
    return (err as Error).message;
  }
}

export function answersToInput(a: NewHandlerAnswers, preset: Partial<SpecInput>): SpecInput {
  return {
    ...preset,
    kind: a.kind,
    transport: a.transport || preset.transport,
    tickName: a.tickName || preset.tickName,
    options: a.options.trim() === '' ? preset.options : splitList(a.options),
    config: a.config.trim() === '' ? preset.config : splitList(a.config),
    secrets: a.secrets.trim() === '' ? preset.secrets : splitList(a.secrets),
    listSection: a.listSection.trim() === '' ? preset.listSection : a.listSection.trim(),
  };
}

export function registerGenerators(plop: NodePlopAPI, ctx: PlopContext): void {
  plop.setActionType('condenser-generate', async (answers) => {
    const result = await ctx.generate(answersToInput(answers as NewHandlerAnswers, ctx.preset));
    return `${result.created.length} files created, ${result.changed.length} changed`;
  });

  plop.setGenerator('new-handler', {
    description: 'Generate a complete alert handler and wire it into the host',
    prompts: [
      {
        type: 'input',
        name: 'kind',
        message: 'Handler name (folder, config section and API kind, e.g. foo)',
        validate: (v: string) => kindProblem(v, ctx.existing()) ?? true,
      },
      {
        type: 'list',
        name: 'transport',
        message: 'Transport',
        choices: [...transports],
        default: 'http-json',
      },
      {
        type: 'input',
        name: 'options',
        message: `Handler options, name:type[=default] separated by spaces (types: ${fieldTypes.join(', ')}); empty = Kapacitor's guide example (room)`,
        validate: (v: string) => validateFields(v, '--option'),
      },
      {
        type: 'input',
        name: 'config',
        message: 'Config fields besides enabled and url/address, name:type[=default]',
        validate: (v: string) => validateFields(v, '--config'),
      },
      { type: 'input', name: 'secrets', message: 'Secret config fields (redacted everywhere)' },
      {
        type: 'input',
        name: 'listSection',
        message: 'List section key (e.g. workspace); empty for a single [section]',
      },
      {
        type: 'input',
        name: 'tickName',
        message: 'TICKscript property name (empty = the handler name)',
        // Empty means the handler name, which must be free as a property too.
        validate: (v: string, answers?: { kind?: string }) =>
          tickNameProblem(v === '' ? (answers?.kind ?? '') : v, ctx.existing()) ?? true,
      },
    ],
    actions: [{ type: 'condenser-generate' }],
  });
}

/** plop CLI entry (`npx plop --plopfile generators/plopfile.ts`): writes into the current repo. */
export default function plopfile(plop: NodePlopAPI): void {
  const root = process.cwd();
  registerGenerators(plop, {
    root,
    existing: () => readInventory(root),
    generate: sessionGenerator({
      root,
      dryRun: false,
      io: { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
      handleSignals: true,
    }),
    preset: {},
  });
}
