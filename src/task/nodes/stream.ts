// `stream`: the task's source. Passes every delivered point unchanged to its children
// (the `from()` nodes), which filter for themselves.

import type { NodeFactory } from '../node-runtime.js';

export const streamNodeFactory: NodeFactory<'stream'> = (_node, ctx) => ({
  receive: (msg) => ctx.emit(msg),
});
