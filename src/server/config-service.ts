// The live configuration: file config plus stored overrides. A change posted to the config
// API is validated, handed to the section's service (which may refuse it), and only then
// stored, so what is acknowledged is both running and persisted.

import type { OverrideSummary } from '../api/condenser.js';
import { CondenserError, errorMessage } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import {
  effectiveSection,
  nextOverrides,
  OverrideError,
  type Element,
  type OverrideRequest,
} from '../config/overrides.js';
import { fieldLookup } from '../config/fields.js';
import { RedactedValueError, restoreRedacted, secretStrings } from '../config/redact.js';
import { ConfigError, elementKey, type SectionDef } from '../config/section.js';
import type { ConfigOverrideRecord, Store } from '../store/index.js';
import { allSections, type Config } from './config.js';

export type SectionListener = (section: string, value: unknown) => Promise<void> | void;

export class ConfigService {
  private overrides: ConfigOverrideRecord[];
  private current: Config;

  constructor(
    private readonly fileConfig: Config,
    private readonly store: Store,
    private readonly logger: Logger,
  ) {
    this.overrides = [];
    const usable: ConfigOverrideRecord[] = [];
    for (const o of store.configOverrides.list()) {
      const def = this.section(o.section);
      try {
        if (!def) throw new Error(`unknown section "${o.section}"`);
        effectiveSection(def, this.fileValue(def), [...usable, o]);
        usable.push(o);
      } catch (err) {
        // Not fatal: the file config still stands; say loudly what was not applied.
        logger.error(
          { section: o.section, element: o.element, err: errorMessage(err) },
          'stored config override not applied',
        );
      }
    }
    this.overrides = usable;
    this.current = this.compute(this.overrides);
  }

  get config(): Config {
    return this.current;
  }

  section(name: string): SectionDef | undefined {
    const def = (allSections as Record<string, SectionDef>)[name];
    return def && def.overridable ? def : undefined;
  }

  /** Overridable sections, sorted by name. */
  sections(): SectionDef[] {
    return Object.values(allSections as Record<string, SectionDef>)
      .filter((d) => d.overridable)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  private fileValue(def: SectionDef): Element | Element[] {
    return (this.fileConfig as Record<string, unknown>)[def.name] as Element | Element[];
  }

  private compute(overrides: ConfigOverrideRecord[]): Config {
    const out: Record<string, unknown> = { ...this.fileConfig };
    for (const def of this.sections())
      out[def.name] = effectiveSection(def, this.fileValue(def), overrides);
    return out as Config;
  }

  /** The elements of a section: one for plain sections, one per list element. */
  elements(def: SectionDef): Array<{ key: string; value: Element }> {
    const value = (this.current as Record<string, unknown>)[def.name] as Element | Element[];
    if (!def.list) return [{ key: '', value: value as Element }];
    return (value as Element[]).map((el) => ({ key: elementKey(def as never, el), value: el }));
  }

  /** The secret values of a section as configured now, to keep them out of error messages. */
  secretValues(section: string): string[] {
    const def = this.section(section);
    if (!def) return [];
    const lookup = fieldLookup(def.schema);
    return this.elements(def).flatMap((el) => secretStrings(lookup, el.value));
  }

  /** Which elements carry API overrides, and of which keys (never the values). */
  overrideSummary(): OverrideSummary[] {
    // An override whose keys were all deleted changes nothing: it is not listed.
    return this.overrides
      .filter((o) => o.create || Object.keys(o.options).length > 0)
      .map((o) => ({
        section: o.section,
        element: o.element,
        created: o.create,
        keys: Object.keys(o.options).sort(),
      }));
  }

  /**
   * Values a client read back redacted and sent unchanged keep the current secret; a
   * placeholder anywhere else is refused (it is never stored).
   */
  private withSecretsRestored(
    def: SectionDef,
    element: string | undefined,
    req: OverrideRequest,
  ): OverrideRequest {
    const lookup = fieldLookup(def.schema);
    const current =
      element === undefined ? undefined : this.elements(def).find((e) => e.key === element)?.value;
    try {
      const out = { ...req };
      if (req.set) {
        // `set` is partial: what it leaves out stays as it is.
        const merged = restoreRedacted(lookup, { ...current, ...req.set }, current);
        out.set = Object.fromEntries(Object.keys(req.set).map((k) => [k, merged[k]]));
      }
      if (req.add) out.add = restoreRedacted(lookup, req.add, undefined);
      return out;
    } catch (err) {
      if (err instanceof RedactedValueError)
        throw new OverrideError(`invalid value: ${err.key}: ${err.message}`);
      throw err;
    }
  }

  /**
   * Apply one POST. `element` is undefined when posted to the section path. On success
   * `listener` has accepted the new value and the override is stored.
   */
  async apply(
    def: SectionDef,
    element: string | undefined,
    request: OverrideRequest,
    listener: SectionListener,
  ): Promise<void> {
    const req = this.withSecretsRestored(def, element, request);
    const { put, remove } = nextOverrides(def, element, req, this.fileValue(def), this.overrides);
    let next = this.overrides.filter(
      (o) =>
        !remove.some((r) => r.section === o.section && r.element === o.element) &&
        !put.some((p) => p.section === o.section && p.element === o.element),
    );
    next = [...next, ...put];
    let value: unknown;
    try {
      value = effectiveSection(def, this.fileValue(def), next);
    } catch (err) {
      if (err instanceof ConfigError)
        throw new OverrideError(`invalid value: ${err.keyPath}: ${err.problem}`);
      throw err;
    }
    try {
      await listener(def.name, value);
    } catch (err) {
      // The service refused the values the client sent (a bad template, an unreadable
      // template file, ...): a client error, unless the service says it failed itself.
      // Kapacitor answers 500 for every refusal.
      const status = err instanceof CondenserError && err.status >= 500 ? err.status : 400;
      throw new OverrideError(
        `failed to update configuration ${def.name}/${element ?? ''}: ${errorMessage(err)}`,
        status,
      );
    }
    this.store.transaction(() => {
      for (const r of remove) this.store.configOverrides.delete(r.section, r.element);
      for (const p of put) this.store.configOverrides.put(p);
    });
    this.overrides = next;
    this.current = { ...this.current, [def.name]: value } as Config;
    this.logger.info({ section: def.name, element: element ?? '' }, 'configuration updated');
  }
}
