// Inhibition (alert-node.md §10): `.inhibit(category, tags...)` gives each group of alert A
// an inhibitor holding the group's values of those tags, active while A's group is not OK.
// Events of any alert whose `.category()` matches and whose tags carry those values are
// dropped. Inhibitors must be seen across tasks, so there is one registry per AlertService.

import type { Tags } from '../../alert/event.js';
import type { AlertService } from '../../alert/service.js';
import { own } from '../../common/own.js';

export class Inhibitor {
  active = false;

  constructor(
    readonly category: string,
    /** the inhibiting group's values of the equal tags (missing tags as '') */
    readonly tags: Readonly<Tags>,
  ) {}

  matches(category: string, tags: Readonly<Tags>): boolean {
    if (!this.active || category !== this.category) return false;
    for (const [k, v] of Object.entries(this.tags)) if ((own(tags, k) ?? '') !== v) return false;
    return true;
  }
}

export class InhibitorRegistry {
  private readonly inhibitors = new Set<Inhibitor>();

  add(inhibitor: Inhibitor): void {
    this.inhibitors.add(inhibitor);
  }

  remove(inhibitor: Inhibitor): void {
    this.inhibitors.delete(inhibitor);
  }

  isInhibited(category: string, tags: Readonly<Tags>): boolean {
    for (const i of this.inhibitors) if (i.matches(category, tags)) return true;
    return false;
  }
}

const registries = new WeakMap<AlertService, InhibitorRegistry>();

/** The registry shared by every alert node that publishes through `service`. */
export function inhibitorRegistry(service: AlertService): InhibitorRegistry {
  let r = registries.get(service);
  if (!r) {
    r = new InhibitorRegistry();
    registries.set(service, r);
  }
  return r;
}

/** One inhibitor per `.inhibit()` for a group with tags `groupTags`. */
export function groupInhibitors(
  specs: ReadonlyArray<{ category: string; equalTags: readonly string[] }>,
  groupTags: Readonly<Tags>,
): Inhibitor[] {
  return specs.map(
    (s) =>
      new Inhibitor(
        s.category,
        Object.fromEntries(s.equalTags.map((t) => [t, own(groupTags, t) ?? ''])),
      ),
  );
}
