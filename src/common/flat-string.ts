// V8 keeps a string built piece by piece with `+` as a tree of its pieces (a rope): cheap to
// build, but a rope of 60 pieces holds several times the memory of its text for as long as it
// is kept. Reading one character makes V8 copy the text into one flat string and drop the
// pieces, so strings that outlive the call that built them (rendered alert messages and
// details, kept per event id) are flattened before they are handed out.

/** The same string, flat (see above); costs one copy of the text. */
export function flatString(s: string): string {
  if (s.length > 0) s.charCodeAt(0);
  return s;
}
