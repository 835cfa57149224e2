// What the HTTP routes need from the running server.

import type { AlertService } from '../../alert/service.js';
import type { DeliveryMetricsRegistry } from '../../delivery/metrics.js';
import type { ConfigService, SectionListener } from '../config-service.js';
import type { Service } from '../service.js';

export interface ApiContext {
  version: string;
  alert: AlertService;
  config: ConfigService;
  /** Running services by name (section name = service-test name). */
  services: ReadonlyMap<string, Service>;
  /** Hands a changed section to its service. */
  applySection: SectionListener;
  metrics: DeliveryMetricsRegistry;
  /** Extra top-level /debug/vars entries from other parts (task counts). */
  vars(): Record<string, unknown>;
  /** Extra statistics under `kapacitor` (per task node). */
  stats(): Record<string, unknown>;
}
