// ID rules of the HTTP API: handler and task ids, and topic ids (which also allow `:`).

const idPattern = /^[-._\p{L}0-9]+$/u;
const topicPattern = /^[-:._\p{L}0-9]+$/u;

export function validId(id: string): boolean {
  return idPattern.test(id);
}

export function validTopicId(id: string): boolean {
  return topicPattern.test(id);
}
