// src/task/task-master.ts: the service type of every folder with a service.ts, as tasks see it.

import { defineTouchPoint } from './touch-point.js';

export const taskMaster = defineTouchPoint({
  file: 'src/task/task-master.ts',
  anchor: 'HandlerServices',
  anchorKind: 'interface',
  entryNoun: 'handler service',
  requires: 'service.ts',
  importsFrom: 'service.ts',
  symbol: (n) => n.service,
  // Only the type is needed; a value import would load every service into the task master.
  typeOnlyImport: true,
  value: (n) => n.service,
});
