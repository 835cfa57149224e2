// TLS client settings from the ssl-ca / ssl-cert / ssl-key / insecure-skip-verify keys that
// Kapacitor's mqtt and kafka sections share (its tlsconfig.Create): a CA file replaces the
// system roots, a client certificate needs both files, and a file that cannot be read is
// reported with its key, when the connection is set up rather than at the first event.

import { readFileSync } from 'node:fs';
import { errorMessage } from '../common/errors.js';
import { SettingsError } from './errors.js';

export interface TLSFiles {
  /** PEM file of the CA(s) to trust instead of the system roots; '' = system roots. */
  sslCA: string;
  /** PEM client certificate; needs `sslKey`. */
  sslCert: string;
  /** PEM private key of `sslCert`. */
  sslKey: string;
  /** Skip certificate chain and host name verification. */
  insecureSkipVerify: boolean;
}

function readPEM(key: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new SettingsError(key, `cannot read ${JSON.stringify(path)}: ${errorMessage(err)}`);
  }
}

/** The node:tls client options these settings make (what mqtt.js and kafkajs take). */
export interface TLSClientOptions {
  rejectUnauthorized: boolean;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** node:tls options for `files`; throws SettingsError naming the key. */
export function tlsOptions(files: TLSFiles): TLSClientOptions {
  if (files.sslCert !== '' && files.sslKey === '')
    throw new SettingsError('ssl-key', 'must be set together with ssl-cert');
  if (files.sslKey !== '' && files.sslCert === '')
    throw new SettingsError('ssl-cert', 'must be set together with ssl-key');
  const options: TLSClientOptions = { rejectUnauthorized: !files.insecureSkipVerify };
  if (files.sslCA !== '') options.ca = readPEM('ssl-ca', files.sslCA);
  if (files.sslCert !== '') {
    options.cert = readPEM('ssl-cert', files.sslCert);
    options.key = readPEM('ssl-key', files.sslKey);
  }
  return options;
}
