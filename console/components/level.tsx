// A topic's or event's level: its name in text, with a colour and a mark.

import { levelClass, levelMarks, type LevelName } from '../lib/levels.js';

export function LevelBadge({ level }: { level: string }) {
  const mark = levelMarks[level as LevelName] ?? '?';
  return (
    <span class={`badge ${levelClass(level)}`}>
      <span aria-hidden="true" class="mark">
        {mark}
      </span>
      {level}
    </span>
  );
}
