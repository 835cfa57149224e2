// What a real kapacitor.conf may hold that this host does not implement. Kapacitor's own
// file loads as it is: these keys and sections are set aside and listed in one warning at
// start (and by `condenser config`), rather than refused. Any other unknown key of a section
// this host has is still an error: it is most likely a typo.

/** Keys of sections this host has, that Kapacitor reads and this host does not. */
export const unimplementedKeys: Readonly<Record<string, readonly string[]>> = {
  http: [
    'write-tracing',
    'pprof-enabled',
    'https-enabled',
    'https-certificate',
    'https-private-key',
    'shared-secret',
    'auth-enabled-users',
  ],
  storage: ['boltdb'],
  logging: [],
  alert: [],
  // Kapacitor stores toTemplates and never uses it; the config API's to-templates is kept.
  smtp: ['toTemplates'],
  // SASL beyond PLAIN and SCRAM (GSSAPI/Kerberos, OAuth): kafkajs here speaks neither.
  kafka: [
    'sasl_extensions',
    'sasl-version',
    'sasl-gssapi-service-name',
    'sasl-gssapi-auth-type',
    'sasl-gssapi-disable-pafxfast',
    'sasl-gssapi-kerberos-config-path',
    'sasl-gssapi-key-tab-path',
    'sasl-gssapi-realm',
    'sasl-oauth-service',
    'sasl-oauth-client-id',
    'sasl-oauth-client-secret',
    'sasl-oauth-token-url',
    'sasl-oauth-scopes',
    'sasl-oauth-parameters',
    'sasl-oauth-token-expiry-margin',
    'sasl-access-token',
    'sasl-oauth-tenant-id',
  ],
};

/** Top-level keys of Kapacitor's file (this host has no use for them). */
export const topLevelKeys: readonly string[] = [
  'hostname',
  'data_dir',
  'skip-config-overrides',
  'default-retention-policy',
];

/** Kapacitor's handler sections, by the kind that implements each (for the hint). */
export const handlerSectionKinds: Readonly<Record<string, string>> = {
  alerta: 'alerta',
  bigpanda: 'bigpanda',
  discord: 'discord',
  hipchat: 'hipchat',
  kafka: 'kafka',
  mqtt: 'mqtt',
  opsgenie: 'opsgenie',
  opsgenie2: 'opsgenie2',
  pagerduty: 'pagerduty',
  pagerduty2: 'pagerduty2',
  pushover: 'pushover',
  sensu: 'sensu',
  servicenow: 'servicenow',
  slack: 'slack',
  smtp: 'smtp',
  snmptrap: 'snmptrap',
  talk: 'talk',
  teams: 'teams',
  telegram: 'telegram',
  victorops: 'victorops',
  zenoss: 'zenoss',
};

/** Why a top-level entry of the file is set aside, or undefined when the host reads it. */
export function setAsideReason(key: string): string {
  const kind = handlerSectionKinds[key];
  if (kind !== undefined) {
    return `[${key}]: the ${kind} handler kind is not installed (\`npm run new-handler ${kind}\` adds it)`;
  }
  if (topLevelKeys.includes(key)) return `${key}: not used by this host`;
  return `[${key}]: not implemented by this host`;
}
