// Alert levels for display: always the name as text, with a colour and a mark as extra cues.

import { levelNames, type LevelName } from '../../src/alert/level.js';

export { levelNames, type LevelName };

export const levelMarks: Record<LevelName, string> = {
  OK: '✓',
  INFO: 'i',
  WARNING: '!',
  CRITICAL: '‼',
};

export function levelIndex(level: string): number {
  const i = levelNames.indexOf(level as LevelName);
  return i < 0 ? 0 : i;
}

export function levelClass(level: string): string {
  return `level-${level.toLowerCase()}`;
}
