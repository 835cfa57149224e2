// What every scaffolder command does around its work, before anything else: take the
// repository's scaffolder lock, finish (or roll back) a commit an earlier run left behind and
// say which, and turn Ctrl-C / SIGTERM into something safe: before the commit, stop with
// nothing written; during it, let it complete, then stop.

import { Journal, stepHookFromEnv, type Recovery } from './journal.js';
import { acquireLock } from './lock.js';
import type { FileChange, Plan } from './plan.js';

export interface SessionOptions {
  root: string;
  /** The command and its subject, for messages and the journal: `new-handler foo`. */
  command: string;
  /** Where notices go (recovery, waiting, interruption): one line each. */
  notice: (line: string) => void;
  /** Install SIGINT/SIGTERM handlers (scripts do; in-process callers such as tests do not). */
  handleSignals?: boolean;
  lockWaitMs?: number;
}

export interface Session {
  /** Commit the plan through the journal; a signal during it waits for it to complete. */
  commit(plan: Plan): Promise<FileChange[]>;
}

/** Thrown after a commit that a signal arrived during; the commit itself completed. */
export class InterruptedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterruptedError';
  }
}

const signals = ['SIGINT', 'SIGTERM'] as const;

export async function withSession<T>(
  options: SessionOptions,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const { notice } = options;
  const lock = await acquireLock(options.root, options.command, {
    ...(options.lockWaitMs !== undefined ? { waitMs: options.lockWaitMs } : {}),
    onWait: (h) => notice(`waiting for ${h.command} (pid ${h.pid}) to finish…`),
  });
  let phase: 'before' | 'committing' | 'committed' = 'before';
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (phase === 'committing') {
      if (!interrupted) {
        notice(`${signal}: finishing the commit first, so that no file is left half-written…`);
      }
      interrupted = signal;
      return;
    }
    notice(
      phase === 'before'
        ? `${signal}: interrupted before writing anything; nothing changed`
        : `${signal}: interrupted after the commit, which is complete`,
    );
    lock.release();
    process.exit(130);
  };
  try {
    if (lock.takenOverFrom) {
      notice(
        `took over the scaffolder lock of ${lock.takenOverFrom.command} (pid ${lock.takenOverFrom.pid}), which is no longer running`,
      );
    }
    const recovery = await new Journal(options.root).recover();
    const said = describeRecovery(recovery);
    if (said) notice(said);
    if (options.handleSignals) for (const s of signals) process.on(s, onSignal);
    const beforeStep = stepHookFromEnv();
    return await work({
      async commit(plan) {
        phase = 'committing';
        let changes: FileChange[];
        try {
          changes = await plan.commit({
            command: options.command,
            ...(beforeStep ? { beforeStep } : {}),
          });
        } finally {
          phase = 'committed';
        }
        if (interrupted) {
          throw new InterruptedError(
            `${interrupted}: interrupted during the commit, which was completed first (${changes.length} file(s))`,
          );
        }
        return changes;
      },
    });
  } finally {
    if (options.handleSignals) for (const s of signals) process.off(s, onSignal);
    lock.release();
  }
}

/** One line saying what recovery did, or undefined when there was nothing to recover. */
export function describeRecovery(r: Recovery): string | undefined {
  switch (r.action) {
    case 'none':
      return undefined;
    case 'discarded':
      return `recovered: ${r.detail}`;
    case 'finished':
      return `recovered: finished the interrupted commit of "${r.command}" (pid ${r.pid}): ${r.files} file(s) now as it planned`;
    case 'rolled back':
      return `recovered: rolled back the interrupted commit of "${r.command}" (pid ${r.pid}), which could not be finished (${r.reason}): ${r.files} file(s) as before it`;
  }
}
