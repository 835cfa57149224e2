// Commands the host suggests in its messages (`condenser delete tasks 'my task'`) must work
// when pasted into a shell, whatever characters the ids hold.

/** A word as a POSIX shell reads it back: single-quoted unless it holds only safe characters. */
export function shellWord(word: string): string {
  return /^[\w.:@%+=,/-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
