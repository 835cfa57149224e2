// A topic's level over time: a step line, one band per level (OK at the bottom, CRITICAL at
// the top), each stretch coloured by its level. Flapping shows as a saw. The same changes are
// given as text to screen readers (and in the chart's title for pointers).

import type { LevelChange } from '../../src/api/condenser.js';
import { levelClass, levelIndex, levelNames } from '../lib/levels.js';

export interface TimelineProps {
  history: LevelChange[];
  /** The time the chart ends at (now, for a live view), in ms since the epoch. */
  now: number;
  /** Small: no axis labels (the topics list); otherwise a labelled chart. */
  compact?: boolean;
  label: string;
}

const clock = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

export function describeHistory(history: LevelChange[]): string {
  if (history.length === 0) return 'no level changes yet';
  const shown = history.slice(-12);
  const parts = shown.map((c) => `${c.level} at ${clock(c.time)} UTC`);
  const dropped = history.length - shown.length;
  return `${dropped > 0 ? `${dropped} earlier changes, then ` : ''}${parts.join(', ')}`;
}

export function Timeline({ history, now, compact, label }: TimelineProps) {
  const width = compact ? 160 : 640;
  const height = compact ? 28 : 132;
  const left = compact ? 2 : 84;
  const right = compact ? 2 : 12;
  const top = compact ? 3 : 10;
  const bottom = compact ? 3 : 26;
  const text = `${label}: ${describeHistory(history)}`;
  if (history.length === 0) {
    return compact ? (
      <span class="muted">no changes</span>
    ) : (
      <p class="muted">No level changes since the host started.</p>
    );
  }
  const first = history[0]!.time;
  const last = history[history.length - 1]!.time;
  // Live data ends now; replayed (old) data ends a little after its last change.
  const end =
    now - last < 24 * 3600_000 && now >= last ? now : last + Math.max((last - first) * 0.1, 1000);
  const span = Math.max(end - first, 1);
  const x = (t: number) => left + ((t - first) / span) * (width - left - right);
  const band = (height - top - bottom) / (levelNames.length - 1);
  const y = (level: string) => height - bottom - levelIndex(level) * band;
  const segments = history.map((c, i) => {
    const x1 = x(c.time);
    const x2 = x(history[i + 1]?.time ?? end);
    return { c, x1, x2: Math.max(x2, x1 + 1.5), y: y(c.level) };
  });
  return (
    <figure class={compact ? 'timeline compact' : 'timeline'}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={compact ? width : undefined}
        height={compact ? height : undefined}
        role="img"
        aria-label={text}
        preserveAspectRatio="none"
      >
        <title>{text}</title>
        {!compact &&
          levelNames.map((l) => (
            <g key={l}>
              <line class="grid" x1={left} x2={width - right} y1={y(l)} y2={y(l)} />
              <text class="axis" x={left - 6} y={y(l) + 4} text-anchor="end">
                {l}
              </text>
            </g>
          ))}
        {segments.map((s, i) => {
          const next = segments[i + 1];
          return (
            <g key={i} class={levelClass(s.c.level)}>
              <line class="step" x1={s.x1} x2={s.x2} y1={s.y} y2={s.y} />
              {next && <line class="riser" x1={next.x1} x2={next.x1} y1={s.y} y2={next.y} />}
            </g>
          );
        })}
        {!compact && (
          <>
            <text class="axis" x={left} y={height - 6}>
              {clock(first)}
            </text>
            <text class="axis" x={width - right} y={height - 6} text-anchor="end">
              {clock(end)}
            </text>
          </>
        )}
      </svg>
      {!compact && <figcaption class="visually-hidden">{text}</figcaption>}
    </figure>
  );
}
