// How a node reports bad data: log (unless `.quiet()`), count it in stats.errors, carry on.

import type { NodeContext } from '../node-runtime.js';

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function reportError(ctx: NodeContext, message: string, err?: unknown): void {
  ctx.stats.errors++;
  if (ctx.node.quiet) return;
  if (err === undefined) ctx.logger.error(message);
  else ctx.logger.error({ err: errorMessage(err) }, message);
}
