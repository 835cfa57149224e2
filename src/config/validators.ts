// Checks behind the validating field builders (fields.ts): each returns what is wrong with a
// value, or undefined. Messages never quote a secret: URLs are quoted redacted.

import { isIP } from 'node:net';
import { redactURL } from './redact.js';

const show = (v: unknown): string => JSON.stringify(v);

/** Control characters and spaces: WHATWG URL parsing would silently drop some of them. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const urlForbidden = /[\u0000-\u0020\u007f]/;

export function httpURLProblem(value: string, template: boolean): string | undefined {
  if (value === '') return undefined;
  // Template actions may hold spaces ({{ .ID }}); check the URL around them.
  const text = template ? value.replace(/\{\{[\s\S]*?\}\}/g, 'x') : value;
  const shown = show(redactURL(value));
  if (urlForbidden.test(text))
    return `must not contain spaces or control characters (CR, LF, ...), got ${shown}`;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return scheme === undefined
      ? `must be an http:// or https:// URL, got ${shown}`
      : `must use http or https, not "${scheme}", got ${shown}`;
  }
  if (!/^https?:\/\//i.test(text)) return `must be an http:// or https:// URL, got ${shown}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `is not a valid URL, got ${shown}`;
  }
  if (url.hostname === '') return `must name a host, got ${shown}`;
  return undefined;
}

/** RFC 7230 token: the characters a header name may use. */
const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Anything but HTAB below 0x20, DEL, and what Node cannot send in a header (> 0xFF). */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const badValueChar = /[\u0000-\u0008\u000a-\u001f\u007f\u0100-\uffff]/;

/** A value sent inside an HTTP header (a token, an API key); never quoted, it may be a secret. */
export function headerValueProblem(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return 'must not contain CR or LF (it is sent in an HTTP header)';
  if (badValueChar.test(value))
    return 'must not contain control or non-Latin-1 characters (it is sent in an HTTP header)';
  return undefined;
}

export function headerNameProblem(name: string): string | undefined {
  return tokenPattern.test(name)
    ? undefined
    : `header name ${show(name)} is not a valid HTTP token (letters, digits and !#$%&'*+-.^_\`|~ only)`;
}

export function headerMapProblem(headers: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    const p = headerNameProblem(name);
    if (p !== undefined) return p;
    if (/[\r\n]/.test(value)) return `header ${show(name)}: value must not contain CR or LF`;
    if (badValueChar.test(value))
      return `header ${show(name)}: value must not contain control or non-Latin-1 characters`;
  }
  return undefined;
}

export interface HostPortRules {
  /** `:0` (pick a free port) is accepted, as for a listening address. */
  allowPortZero?: boolean;
}

const hostNamePattern = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;

export function hostPortProblem(value: string, rules: HostPortRules): string | undefined {
  if (value === '') return undefined;
  const m = /^(?:\[([^\]]*)\]|([^:[\]]*)):(\d{1,5})$/.exec(value);
  if (!m) return `must be host:port (IPv6 as [::1]:port), got ${show(value)}`;
  const [, v6, host, portText] = m;
  if (v6 !== undefined) {
    if (isIP(v6) !== 6) return `"${v6}" is not an IPv6 address, in ${show(value)}`;
  } else if (host === '' || !hostNamePattern.test(host!)) {
    return `must name a host before the port, got ${show(value)}`;
  }
  const port = Number(portText);
  if (port > 65535 || (port === 0 && !rules.allowPortZero))
    return `port must be between 1 and 65535, got ${portText}`;
  return undefined;
}

/** A host name or IP address to connect to (smtp's `host`); `''` = unset. */
export function hostNameProblem(value: string): string | undefined {
  if (value === '') return undefined;
  const bare = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  if (isIP(bare) !== 0 || hostNamePattern.test(value)) return undefined;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value))
    return `must be a host name without a scheme, got ${show(value)}`;
  if (/:\d+$/.test(value))
    return `must be a host name without the port (set port), got ${show(value)}`;
  return `must be a host name or IP address, got ${show(value)}`;
}

/** A TCP port to connect to: 1 to 65535. */
export function portProblem(port: number): string | undefined {
  return port >= 1 && port <= 65535 ? undefined : `must be between 1 and 65535, got ${port}`;
}

export function fileModeProblem(mode: number): string | undefined {
  return mode >= 0 && mode <= 0o7777
    ? undefined
    : `must be a file mode between 0 and 07777 (octal; 420 = 0644 in JSON), got ${mode}`;
}

/** The origin of a URL (`https://host[:port]`), or undefined when it is not http(s). */
export function normalizeOrigin(origin: string): string | undefined {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  return u.origin;
}

/** `scheme://host[:port]` with nothing else (a trailing `/` is tolerated). */
export function isOrigin(text: string): boolean {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return false;
  }
  return (
    (u.protocol === 'http:' || u.protocol === 'https:') &&
    u.username === '' &&
    u.password === '' &&
    u.pathname === '/' &&
    u.search === '' &&
    u.hash === '' &&
    !/\/\/.*\/./.test(text)
  );
}

// ---- the non-HTTP transports: MQTT, SNMP, Kafka, SMTP ----

const templateAction = /\{\{[\s\S]*?\}\}/g;

/**
 * An MQTT topic to publish to: not empty, no wildcard (`+`, `#`), no NUL, at most 65535 UTF-8
 * bytes. With `template`, only the text outside `{{ ... }}` is checked here; the rendered
 * topic is checked again when an event is sent.
 */
export function mqttTopicProblem(topic: string, template: boolean): string | undefined {
  const literal = template ? topic.replace(templateAction, '') : topic;
  if (topic === '') return 'must not be empty';
  if (literal.includes('+') || literal.includes('#'))
    return `must not contain the wildcards "+" or "#" (they are for subscribing), got ${show(topic)}`;
  if (literal.includes('\u0000')) return `must not contain the NUL character, got ${show(topic)}`;
  if (!template && Buffer.byteLength(topic, 'utf8') > 65535)
    return 'must be at most 65535 bytes (UTF-8)';
  return undefined;
}

/** The three strings Kapacitor's QoS parser accepts (sic: "exactly-one"). */
export const mqttQoSNames = ['at-most-once', 'at-least-once', 'exactly-one'] as const;
export type MQTTQoS = 0 | 1 | 2;

/** 0/1/2 or one of `mqttQoSNames` → the level; otherwise a string saying what is wrong. */
export function parseMQTTQoS(value: unknown): MQTTQoS | string {
  if (value === 0 || value === 1 || value === 2) return value;
  if (typeof value === 'string') {
    const i = (mqttQoSNames as readonly string[]).indexOf(value);
    if (i !== -1) return i as MQTTQoS;
    if (value === 'exactly-once')
      return 'is spelled "exactly-one" here (Kapacitor\'s spelling), or use 2';
  }
  const got = typeof value === 'string' ? show(value) : String(value);
  return `must be 0, 1, 2, "at-most-once", "at-least-once" or "exactly-one", got ${got}`;
}

const mqttSchemes = ['tcp', 'mqtt', 'ssl', 'mqtts', 'ws', 'wss'];

/** A broker URL: tcp://, mqtt://, ssl://, mqtts://, ws:// or wss:// with a host; `''` = unset. */
export function mqttURLProblem(value: string): string | undefined {
  if (value === '') return undefined;
  const shown = show(redactURL(value));
  if (urlForbidden.test(value))
    return `must not contain spaces or control characters, got ${shown}`;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined || !mqttSchemes.includes(scheme))
    return `must be a tcp://, ssl://, ws://, wss://, mqtt:// or mqtts:// URL, got ${shown}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `is not a valid URL, got ${shown}`;
  }
  if (url.hostname === '') return `must name a host, got ${shown}`;
  return undefined;
}

/**
 * A dotted numeric OID (`1.3.6.1.4.1.x`, an optional leading dot): at least two arcs, each
 * at most 2^32-1, the first 0, 1 or 2 (and the second below 40 unless the first is 2), as
 * BER can encode it.
 */
export function snmpOIDProblem(oid: string): string | undefined {
  const body = oid.startsWith('.') ? oid.slice(1) : oid;
  if (!/^\d+(?:\.\d+)+$/.test(body))
    return `must be a dotted numeric OID such as 1.3.6.1.4.1.1, got ${show(oid)}`;
  const arcs = body.split('.').map(Number);
  if (arcs.some((a) => a > 0xffffffff)) return `has an arc above 4294967295, in ${show(oid)}`;
  if (arcs[0]! > 2) return `must start with 0, 1 or 2, got ${show(oid)}`;
  if (arcs[0]! < 2 && arcs[1]! >= 40)
    return `second arc must be below 40 when the first is 0 or 1, got ${show(oid)}`;
  return undefined;
}

/** The varbind types Kapacitor's `.data(oid, type, value)` sends. */
export const snmpVarbindTypes = ['c', 'i', 'n', 's', 't'] as const;
export type SNMPVarbindType = (typeof snmpVarbindTypes)[number];
const snmpUnsupportedTypes: Record<string, string> = {
  a: 'IP address',
  d: 'Decimal string',
  o: 'Object ID',
  u: 'Unsigned integer',
  x: 'Hexadecimal string',
};

export function snmpVarbindTypeProblem(type: string): string | undefined {
  if ((snmpVarbindTypes as readonly string[]).includes(type)) return undefined;
  const what = Object.hasOwn(snmpUnsupportedTypes, type) ? snmpUnsupportedTypes[type] : undefined;
  return what !== undefined
    ? `"${type}" (${what}) is not supported; use c (Counter64), i (Integer), n (Null), s (OctetString) or t (TimeTicks)`
    : `must be one of c (Counter64), i (Integer), n (Null), s (OctetString), t (TimeTicks), got ${show(type)}`;
}

/**
 * Go's strconv.ParseInt(value, 10, 64), which Kapacitor uses for the c, i and t values:
 * an optional sign and decimal digits, within int64. Returns the value or a problem.
 */
export function parseGoInt64(value: string): bigint | string {
  if (!/^[+-]?\d+$/.test(value)) return `strconv.ParseInt: parsing ${show(value)}: invalid syntax`;
  const n = BigInt(value);
  if (n < -(2n ** 63n) || n > 2n ** 63n - 1n)
    return `strconv.ParseInt: parsing ${show(value)}: value out of range`;
  return n;
}

/**
 * A data item's value, when it holds no template action, must parse for its type (c, i, t
 * are integers); a templated value is checked when the trap is sent.
 */
export function snmpValueProblem(type: string, value: string): string | undefined {
  if (type !== 'c' && type !== 'i' && type !== 't') return undefined;
  if (value.includes('{{')) return undefined;
  const parsed = parseGoInt64(value);
  return typeof parsed === 'string' ? parsed : undefined;
}

export interface BrokerListRules {
  /** An empty list is accepted (a disabled config element); the section's validate decides. */
  allowEmpty?: boolean;
}

/** Kafka bootstrap brokers: `host:port` each; not empty unless `allowEmpty`. */
export function brokerListProblem(
  list: readonly string[],
  rules: BrokerListRules,
): string | undefined {
  if (list.length === 0 && !rules.allowEmpty) return 'must name at least one broker (host:port)';
  for (const [i, broker] of list.entries()) {
    if (broker === '') return `broker ${i}: must not be empty`;
    const p = hostPortProblem(broker, {});
    if (p !== undefined) return `broker ${i}: ${p}`;
  }
  return undefined;
}

/** Kapacitor's partition hash algorithms ('' = crc32). */
export const kafkaPartitionAlgorithms = ['', 'crc32', 'murmur2', 'murmur3', 'fnv-1a'] as const;
export type KafkaPartitionAlgorithm = (typeof kafkaPartitionAlgorithms)[number];

export function kafkaPartitionAlgorithmProblem(value: string): string | undefined {
  return (kafkaPartitionAlgorithms as readonly string[]).includes(value)
    ? undefined
    : `must be crc32, murmur2, murmur3 or fnv-1a, got ${show(value)}`;
}
