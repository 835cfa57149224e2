// Alert levels, ordered OK < INFO < WARNING < CRITICAL, upper-case on the wire.

export enum Level {
  OK = 0,
  INFO = 1,
  WARNING = 2,
  CRITICAL = 3,
}

export const levelNames = ['OK', 'INFO', 'WARNING', 'CRITICAL'] as const;
export type LevelName = (typeof levelNames)[number];

export function levelName(level: Level): LevelName {
  return levelNames[level]!;
}

/** Parse a level name case-insensitively; the empty string is OK (as Kapacitor's min-level). */
export function parseLevel(s: string): Level | undefined {
  if (s === '') return Level.OK;
  const i = levelNames.indexOf(s.toUpperCase() as LevelName);
  return i < 0 ? undefined : (i as Level);
}
