// ID rules of the HTTP API: handler and task ids, and topic ids (which also allow `:`).
// Beyond Kapacitor's patterns, `.` and `..` are refused (they would name the collection itself
// or its parent in every link and path) and ids are capped at MAX_ID_BYTES, so an id can
// never be a megabyte of text stored, logged and echoed.

export const MAX_ID_BYTES = 256;

const idPattern = /^[-._\p{L}0-9]+$/u;
const topicPattern = /^[-:._\p{L}0-9]+$/u;

/** What is wrong with an id apart from its characters: too long, or `.`/`..`. */
export function idShapeProblem(id: string): string | undefined {
  const bytes = Buffer.byteLength(id, 'utf8');
  if (bytes > MAX_ID_BYTES) return `is ${bytes} bytes long, the limit is ${MAX_ID_BYTES} bytes`;
  if (id === '.' || id === '..') return `must not be "." or ".."`;
  return undefined;
}

export function validId(id: string): boolean {
  return idShapeProblem(id) === undefined && idPattern.test(id);
}

export function validTopicId(id: string): boolean {
  return idShapeProblem(id) === undefined && topicPattern.test(id);
}

/**
 * The message for an invalid handler or task id (`what` = `handler ID` or `task ID`), in
 * Kapacitor's words for a bad character; undefined when the id is valid.
 */
export function idProblem(what: string, id: string): string | undefined {
  const shape = idShapeProblem(id);
  if (shape !== undefined) return `${what} ${shape}`;
  if (!idPattern.test(id)) {
    return `${what} must contain only letters, numbers, '-', '.' and '_'. ${JSON.stringify(id)}`;
  }
  return undefined;
}

/** The message for an invalid topic id; undefined when it is valid. */
export function topicIdProblem(id: string): string | undefined {
  const shape = idShapeProblem(id);
  if (shape !== undefined) return `invalid topic ID: ${shape}`;
  if (!topicPattern.test(id)) return `invalid topic ID ${JSON.stringify(id)}`;
  return undefined;
}
