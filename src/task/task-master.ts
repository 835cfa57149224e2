// The task master: routes written points to running tasks, and its view of handler services
// (the services TICKscript alert nodes may use, by folder name). Touch point:
// `HandlerServices` is edited by `npm run wire`, which adds and removes entries.

import type { DBRP, PipelineNode } from '../pipeline/model.js';
import type { AlertaService } from '../services/alerta/service.js';
import type { BigpandaService } from '../services/bigpanda/service.js';
import type { DiscordService } from '../services/discord/service.js';
import type { HipchatService } from '../services/hipchat/service.js';
import type { HttppostService } from '../services/httppost/service.js';
import type { KafkaService } from '../services/kafka/service.js';
import type { MqttService } from '../services/mqtt/service.js';
import type { OpsgenieService } from '../services/opsgenie/service.js';
import type { Opsgenie2Service } from '../services/opsgenie2/service.js';
import type { PagerdutyService } from '../services/pagerduty/service.js';
import type { Pagerduty2Service } from '../services/pagerduty2/service.js';
import type { PushoverService } from '../services/pushover/service.js';
import type { SensuService } from '../services/sensu/service.js';
import type { ServicenowService } from '../services/servicenow/service.js';
import type { SlackService } from '../services/slack/service.js';
import type { SmtpService } from '../services/smtp/service.js';
import type { SnmptrapService } from '../services/snmptrap/service.js';
import type { TalkService } from '../services/talk/service.js';
import type { TeamsService } from '../services/teams/service.js';
import type { TelegramService } from '../services/telegram/service.js';
import type { VictoropsService } from '../services/victorops/service.js';
import type { ZenossService } from '../services/zenoss/service.js';
import type { ServiceName } from '../server/config.js';
import { noDimensions, type Point } from './point.js';
import type { RunningTask } from './runtime.js';

export interface HandlerServices {
  alerta: AlertaService;
  bigpanda: BigpandaService;
  discord: DiscordService;
  hipchat: HipchatService;
  httppost: HttppostService;
  kafka: KafkaService;
  mqtt: MqttService;
  opsgenie: OpsgenieService;
  opsgenie2: Opsgenie2Service;
  pagerduty: PagerdutyService;
  pagerduty2: Pagerduty2Service;
  pushover: PushoverService;
  sensu: SensuService;
  servicenow: ServicenowService;
  slack: SlackService;
  smtp: SmtpService;
  snmptrap: SnmptrapService;
  talk: TalkService;
  teams: TeamsService;
  telegram: TelegramService;
  victorops: VictoropsService;
  zenoss: ZenossService;
}

/** Typed completeness check: every service with a config section is here. */
export type MissingHandlerServices = Exclude<ServiceName, keyof HandlerServices>;
const complete: MissingHandlerServices extends never ? true : never = true;
void complete;

/** A point as parsed from line protocol. */
export interface IncomingPoint {
  measurement: string;
  tags: Point['tags'];
  fields: Point['fields'];
  time: bigint;
}

interface Subscriber {
  task: RunningTask;
  /** measurements of its from() nodes; '' = every measurement */
  measurements: ReadonlySet<string>;
}

/**
 * Routes written points to running stream tasks by (db, rp) and measurement, as Kapacitor's
 * TaskMaster does (line-protocol.md §5): a point reaches every task subscribed to its
 * measurement and, separately, every task with a from() that has no measurement.
 */
/**
 * Runs the delivery of one write's points; the task service batches the store writes the
 * points cause (alert states) into one commit made before it returns.
 */
export type WriteScope = <T>(fn: () => T) => T;

export class TaskMaster {
  private readonly byDbrp = new Map<string, Map<string, Subscriber>>();
  /** points received per db, rp and measurement (`condenser stats ingress`) */
  private readonly ingress = new Map<
    string,
    { db: string; rp: string; measurement: string; points: number }
  >();
  points = 0;

  constructor(private readonly writeScope: WriteScope = (fn) => fn()) {}

  private static key(db: string, rp: string): string {
    return `${db}\u0000${rp}`;
  }

  add(taskId: string, dbrps: readonly DBRP[], task: RunningTask): void {
    const measurements = new Set(
      task.pipeline.nodes
        .filter((n): n is PipelineNode<'from'> => n.type === 'from')
        .map((n) => n.props.measurement),
    );
    for (const d of dbrps) {
      const k = TaskMaster.key(d.db, d.rp);
      let subs = this.byDbrp.get(k);
      if (!subs) this.byDbrp.set(k, (subs = new Map()));
      subs.set(taskId, { task, measurements });
    }
  }

  remove(taskId: string): void {
    for (const [k, subs] of this.byDbrp) {
      subs.delete(taskId);
      if (subs.size === 0) this.byDbrp.delete(k);
    }
  }

  private countIngress(db: string, rp: string, points: readonly IncomingPoint[]): void {
    // A write is usually one measurement: count runs, one map lookup each.
    let i = 0;
    while (i < points.length) {
      const measurement = points[i]!.measurement;
      let j = i + 1;
      while (j < points.length && points[j]!.measurement === measurement) j++;
      const key = `${db}\u0000${rp}\u0000${measurement}`;
      const entry = this.ingress.get(key);
      if (entry) entry.points += j - i;
      else this.ingress.set(key, { db, rp, measurement, points: j - i });
      i = j;
    }
  }

  /** Kapacitor's `ingress` statistics, keyed `ingress:<db>:<rp>:<measurement>`. */
  ingressStats(): Record<
    string,
    { name: 'ingress'; tags: Record<string, string>; values: { points_received: number } }
  > {
    const out: ReturnType<TaskMaster['ingressStats']> = {};
    const entries = [...this.ingress.values()].sort((a, b) =>
      a.db !== b.db
        ? a.db < b.db
          ? -1
          : 1
        : a.rp !== b.rp
          ? a.rp < b.rp
            ? -1
            : 1
          : a.measurement < b.measurement
            ? -1
            : 1,
    );
    for (const e of entries) {
      out[`ingress:${e.db}:${e.rp}:${e.measurement}`] = {
        name: 'ingress',
        tags: {
          database: e.db,
          retention_policy: e.rp,
          measurement: e.measurement,
          task_master: 'main',
        },
        values: { points_received: e.points },
      };
    }
    return out;
  }

  /** Deliver points in order; points whose (db, rp) no task wants are dropped silently. */
  writePoints(db: string, rp: string, points: readonly IncomingPoint[]): void {
    const subs = this.byDbrp.get(TaskMaster.key(db, rp));
    this.points += points.length;
    this.countIngress(db, rp, points);
    if (!subs) return;
    this.writeScope(() => deliver([...subs.values()], db, rp, points));
  }
}

function deliver(
  subs: readonly Subscriber[],
  db: string,
  rp: string,
  points: readonly IncomingPoint[],
): void {
  // A write is usually one measurement: the copies per subscriber are looked up again only
  // when it changes (a string comparison instead of two set look-ups per point).
  let measurement: string | undefined;
  const copiesOf = new Array<number>(subs.length);
  for (const p of points) {
    if (p.measurement !== measurement) {
      measurement = p.measurement;
      for (let s = 0; s < subs.length; s++) {
        const m = subs[s]!.measurements;
        copiesOf[s] = (m.has(measurement) ? 1 : 0) + (m.has('') ? 1 : 0);
      }
    }
    for (let s = 0; s < subs.length; s++) {
      const sub = subs[s]!;
      const copies = copiesOf[s]!;
      for (let i = 0; i < copies; i++) {
        sub.task.write({
          name: p.measurement,
          db,
          rp,
          tags: p.tags,
          fields: p.fields,
          time: p.time,
          group: '',
          dimensions: noDimensions,
        });
      }
    }
  }
}
