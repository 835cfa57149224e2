// A parsed line becomes a task point: database and retention policy from the write request,
// the nil group (Kapacitor's WritePoints uses empty Dimensions).

import { noDimensions, type Point } from '../task/point.js';
import type { ParsedPoint } from './point-scanner.js';

export function pointFromParsed(parsed: ParsedPoint, db: string, rp: string): Point {
  return {
    name: parsed.measurement,
    db,
    rp,
    tags: parsed.tags,
    fields: parsed.fields,
    time: parsed.time,
    group: '',
    dimensions: noDimensions,
  };
}
