// `noop`: the child Kapacitor links to an observed node without children so it has somewhere
// to emit to. Drops everything.

import type { NodeFactory } from '../node-runtime.js';

export const noopNodeFactory: NodeFactory<'noop'> = () => ({ receive: () => {} });
