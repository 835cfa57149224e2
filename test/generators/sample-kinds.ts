// Kinds a user might make, as `npm run new-handler` takes them: one from a whole spec with a list
// section, a secret and every option type; a Gotify/ntfy-like one from flags; one of one's own
// on each peer transport. The scaffolder's tests check what each generates, and
// suite-after-generation generates them all and runs their tests with the whole suite, and
// typechecks the tree that holds them.

/**
 * A spec file's text: http-form, a TICKscript name of its own (`.<kind>Hook()`: a fixed one
 * would be taken once the kind is installed), a `team` list section, every option type.
 */
export function pagerSpec(kind: string): string {
  return [
    `kind: ${kind}`,
    `tick-name: ${kind}Hook`,
    'transport: http-form',
    'list-section: team',
    'secrets: [token]',
    'config:',
    '  - { name: channel, type: string, default: "#ops" }',
    '  - { name: retries, type: int, default: 3 }',
    '  - { name: wait, type: duration, default: 10s }',
    'options:',
    '  - channel:string',
    '  - { name: priority, type: int, default: 1 }',
    '  - { name: weight, type: float }',
    '  - { name: urgent, type: bool }',
    '  - { name: wait, type: duration, default: 5s }',
    '  - { name: recipients, type: string-list }',
    '  - { name: extra, type: string-map }',
    '',
  ].join('\n');
}

/**
 * A Gotify/ntfy-like kind: the URL carries a token (a secret), the config's bool is OR-ed with
 * the option's, Kapacitor's kafka has .topic(), and the endpoint answers 204. Its `event`
 * option and `options` field bear the names the generated code reads them from.
 */
export function notifierArgs(kind: string): string[] {
  return [
    ...[kind, '--secret', 'url', '--config', 'priority:bool=true'],
    ...['--option', 'priority:bool', '--option', 'topic:string', '--success', '204'],
    ...['--option', 'event:string', '--config', 'options:string'],
  ];
}

/**
 * Kapacitor's mqtt, smtp, kafka and snmptrap kinds under other names, MQTT and Kafka with
 * options of their own in a JSON payload.
 */
export function peerKindArgs(names: {
  mq: string;
  mail: string;
  kaf: string;
  trap: string;
}): string[][] {
  return [
    [names.mq, '--transport', 'mqtt', '--option', 'room:string', '--secret', 'token'],
    [names.mail, '--transport', 'smtp'],
    [names.kaf, '--transport', 'kafka', '--option', 'severity:int=3'],
    [names.trap, '--transport', 'snmptrap'],
  ];
}
