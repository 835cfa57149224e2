// A service owns one config section: it is opened at start, updated live when the section
// changes (file reload or the config API) and closed at shutdown. Services with a test
// answer /kapacitor/v1/service-tests/<name>.

import type { z } from 'zod';
import type { Logger } from '../common/logger.js';
import type { HostInfo } from '../delivery/wire.js';
import type { DeliveryMetricsRegistry } from '../delivery/metrics.js';

export interface ServiceTest<S extends z.ZodObject = z.ZodObject> {
  /** Strict schema of the test options (a POST body is decoded over the defaults). */
  options: S;
  /** Default options, which may come from the current config (e.g. the configured room). */
  defaults(): z.input<S>;
  /** Run the test; throw to report `{"success": false, "message": <error message>}`. */
  run(options: z.output<S>): Promise<void>;
}

export interface Service<C = unknown> {
  /** Config section and service-test name. */
  readonly name: string;
  open?(): Promise<void>;
  close?(): Promise<void>;
  /** Apply a new section value live; throw to reject it (the old config stays). */
  update(config: C): void | Promise<void>;
  readonly test?: ServiceTest;
}

export interface ServiceDeps {
  logger: Logger;
  /**
   * This host as handlers describe it: `apiURL` is its API's base URL
   * (`http://127.0.0.1:9092/kapacitor/v1`, Kapacitor's client_url), live once it listens.
   */
  host: HostInfo;
  /**
   * The host's delivery counters (/kapacitor/v1/debug/vars): transports register their peers
   * here (`mqtt:<broker>`, `kafka:<cluster>:<topic>`, ...). Absent in some tests.
   */
  metrics?: DeliveryMetricsRegistry;
}

/** The message Kapacitor gives for a test of a disabled service. */
export const serviceNotEnabled = 'service is not enabled';
