// The `exec` handler: run a program with the AlertData JSON on its stdin and wait for it.

import { spawn } from 'node:child_process';
import { encodeAlertData } from '../../alert/event.js';
import { defineHandlerKind } from '../../alert/handler.js';
import { OptionsError } from '../../alert/options.js';
import { DeliveryError } from '../../delivery/errors.js';
import { execOptions } from './options.js';
import { ExecPolicy } from './policy.js';

/** Hosts without an [exec] section (tests, embedders) get Kapacitor's default: allowed. */
const defaultPolicy = new ExecPolicy();

const maxOutput = 64 * 1024;

function run(prog: string, args: string[], input: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(prog, args, { stdio: ['pipe', 'pipe', 'pipe'], signal });
    let output = '';
    const collect = (chunk: Buffer): void => {
      if (output.length < maxOutput) output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.stdin.on('error', () => {}); // a program that exits without reading stdin is not our error
    child.on('error', (err) =>
      reject(new DeliveryError('process', `failed to run ${prog}: ${err.message}`, { cause: err })),
    );
    child.on('close', (code, sig) => {
      if (code === 0) resolve();
      else {
        const why = sig ? `killed by ${sig}` : `exit status ${code}`;
        reject(
          new DeliveryError(
            'process',
            `${prog} failed (${why})${output ? `: ${output.trim()}` : ''}`,
          ),
        );
      }
    });
    child.stdin.end(input);
  });
}

export const execHandler = defineHandlerKind<typeof execOptions, ExecPolicy | undefined>({
  kind: 'exec',
  service: 'exec',
  optionalService: true,
  external: true,
  options: execOptions,
  create(options, { service }) {
    if (options.prog === '') throw new OptionsError('exec', 'prog', 'is required');
    const policy = service ?? defaultPolicy;
    policy.check(options.prog);
    return {
      handle: (event, signal) => run(options.prog, options.args, encodeAlertData(event), signal),
    };
  },
});
