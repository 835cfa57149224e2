// The running host: store, config (file + overrides), services, alert service and the HTTP
// API, started and stopped in order. Touch point: `serviceFactories` creates one service per
// handler folder with a config section; `npm run wire` maintains it.

import type { FastifyInstance, FastifyReply } from 'fastify';
import { AlertService } from '../alert/service.js';
import { errorMessage } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { LogHub } from '../common/log-hub.js';
import { DeliveryMetricsRegistry } from '../delivery/metrics.js';
import { AlertaService } from '../services/alerta/service.js';
import { BigpandaService } from '../services/bigpanda/service.js';
import { DiscordService } from '../services/discord/service.js';
import { ExecPolicy } from '../services/exec/policy.js';
import { InfluxDBService } from '../influxdb/service.js';
import { HipchatService } from '../services/hipchat/service.js';
import { HttppostService } from '../services/httppost/service.js';
import { KafkaService } from '../services/kafka/service.js';
import { MqttService } from '../services/mqtt/service.js';
import { OpsgenieService } from '../services/opsgenie/service.js';
import { Opsgenie2Service } from '../services/opsgenie2/service.js';
import { PagerdutyService } from '../services/pagerduty/service.js';
import { Pagerduty2Service } from '../services/pagerduty2/service.js';
import { PushoverService } from '../services/pushover/service.js';
import { SensuService } from '../services/sensu/service.js';
import { ServicenowService } from '../services/servicenow/service.js';
import { SlackService } from '../services/slack/service.js';
import { SmtpService } from '../services/smtp/service.js';
import { SnmptrapService } from '../services/snmptrap/service.js';
import { TalkService } from '../services/talk/service.js';
import { TeamsService } from '../services/teams/service.js';
import { TelegramService } from '../services/telegram/service.js';
import { VictoropsService } from '../services/victorops/service.js';
import { ZenossService } from '../services/zenoss/service.js';
import {
  describeHolder,
  describeQuarantined,
  lockDataDir,
  openStore,
  type DataDirLock,
  type Store,
} from '../store/index.js';
import type { HandlerServices } from '../task/task-master.js';
import { TaskService } from '../task/task-service.js';
import type { Config, ServiceName } from './config.js';
import { ConfigService } from './config-service.js';
import { createHttpApp, type HttpOptions } from './http/app.js';
import { isLoopbackName } from './http/guard.js';
import { registerOperationRoutes } from './http/routes/operations.js';
import { registerTaskRoutes } from './http/routes/tasks.js';
import { registerWriteRoutes } from './http/routes/write.js';
import { loadServerInfo } from './server-info.js';
import type { Service, ServiceDeps } from './service.js';

/** One factory per service, keyed by folder (= config section) name. */
export const serviceFactories = {
  alerta: (config: Config, deps: ServiceDeps) => new AlertaService(config.alerta, deps),
  bigpanda: (config: Config, deps: ServiceDeps) => new BigpandaService(config.bigpanda, deps),
  discord: (config: Config, deps: ServiceDeps) => new DiscordService(config.discord, deps),
  hipchat: (config: Config, deps: ServiceDeps) => new HipchatService(config.hipchat, deps),
  httppost: (config: Config, deps: ServiceDeps) => new HttppostService(config.httppost, deps),
  kafka: (config: Config, deps: ServiceDeps) => new KafkaService(config.kafka, deps),
  mqtt: (config: Config, deps: ServiceDeps) => new MqttService(config.mqtt, deps),
  opsgenie: (config: Config, deps: ServiceDeps) => new OpsgenieService(config.opsgenie, deps),
  opsgenie2: (config: Config, deps: ServiceDeps) => new Opsgenie2Service(config.opsgenie2, deps),
  pagerduty: (config: Config, deps: ServiceDeps) => new PagerdutyService(config.pagerduty, deps),
  pagerduty2: (config: Config, deps: ServiceDeps) => new Pagerduty2Service(config.pagerduty2, deps),
  pushover: (config: Config, deps: ServiceDeps) => new PushoverService(config.pushover, deps),
  sensu: (config: Config, deps: ServiceDeps) => new SensuService(config.sensu, deps),
  servicenow: (config: Config, deps: ServiceDeps) => new ServicenowService(config.servicenow, deps),
  slack: (config: Config, deps: ServiceDeps) => new SlackService(config.slack, deps),
  smtp: (config: Config, deps: ServiceDeps) => new SmtpService(config.smtp, deps),
  snmptrap: (config: Config, deps: ServiceDeps) => new SnmptrapService(config.snmptrap, deps),
  talk: (config: Config, deps: ServiceDeps) => new TalkService(config.talk, deps),
  teams: (config: Config, deps: ServiceDeps) => new TeamsService(config.teams, deps),
  telegram: (config: Config, deps: ServiceDeps) => new TelegramService(config.telegram, deps),
  victorops: (config: Config, deps: ServiceDeps) => new VictoropsService(config.victorops, deps),
  zenoss: (config: Config, deps: ServiceDeps) => new ZenossService(config.zenoss, deps),
} satisfies Record<ServiceName, (config: Config, deps: ServiceDeps) => Service>;

export { version } from '../common/version.js';
import { version } from '../common/version.js';

export interface ServerOptions {
  logger: Logger;
  /** The live log (level changes, /logs sessions); by default one over `logger` at debug. */
  logHub?: LogHub;
  /** Routes added by later parts (writes, tasks). */
  extraRoutes?: HttpOptions['extraRoutes'];
}

export class Server {
  private constructor(
    readonly config: ConfigService,
    readonly store: Store,
    private readonly lock: DataDirLock,
    readonly alert: AlertService,
    readonly tasks: TaskService,
    readonly services: Map<string, Service>,
    private readonly http: FastifyInstance,
    readonly url: string,
    private readonly logger: Logger,
    private readonly shutdownTimeoutMs: number,
    private readonly logStreams: Set<FastifyReply>,
    /** The live log: its level and the sessions following it. */
    readonly logHub: LogHub,
  ) {}

  static async start(fileConfig: Config, options: ServerOptions): Promise<Server> {
    const hub = options.logHub ?? new LogHub(options.logger, 'debug');
    const logger = hub.logger;
    // Before the store is touched: a second host on the same directory stops here.
    const lock = lockDataDir(fileConfig.storage.dir);
    if (lock.tookOverFrom) {
      logger.warn(
        { dir: lock.dir, previous: describeHolder(lock.tookOverFrom) },
        'took over the data directory lock: its previous holder is gone',
      );
    }
    let store: Store;
    try {
      store = openStore(fileConfig.storage.dir);
    } catch (err) {
      lock.release();
      throw err;
    }
    reportStoreOpening(store, logger);
    try {
      const configService = new ConfigService(
        fileConfig,
        store,
        logger.child({ service: 'config' }),
      );
      const config = configService.config;
      // Kapacitor's client_url is built from the configured bind address; a port of 0 is
      // replaced by the bound one once the host listens.
      const hostInfo = { apiURL: `http://${config.http['bind-address']}/kapacitor/v1` };
      const services = new Map<string, Service>();
      // Handler queues and the services' transports (brokers, mail servers) count here.
      const metrics = new DeliveryMetricsRegistry();
      for (const [name, make] of Object.entries(serviceFactories)) {
        const service: Service = make(config, {
          logger: logger.child({ service: name }),
          host: hostInfo,
          metrics,
        });
        await service.open?.();
        services.set(name, service);
      }
      // [exec] is the operator's alone (not overridable); exec handlers get it as their service.
      services.set('exec', new ExecPolicy(config.exec));
      // A core section, not a handler kind: in the services map for its live updates and test.
      const influxdb = new InfluxDBService(config.influxdb);
      services.set(influxdb.name, influxdb);
      const alertCfg = config.alert;
      const retryPolicy = {
        maxAttempts: alertCfg['delivery-attempts'],
        baseDelayMs: alertCfg['retry-backoff'] / 1e6,
        maxDelayMs: alertCfg['retry-max-backoff'] / 1e6,
        maxRetryAfterMs: alertCfg['retry-max-backoff'] / 1e6,
      };
      const alert = new AlertService({
        store,
        logger: logger.child({ service: 'alert' }),
        metrics,
        service: (name) => services.get(name),
        persistTopics: alertCfg['persist-topics'],
        sectionSecrets: (section) => configService.secretValues(section),
        delivery: {
          capacity: alertCfg['topic-buffer-length'] < 1000 ? 5000 : alertCfg['topic-buffer-length'],
          attemptTimeoutMs: alertCfg['delivery-timeout'] / 1e6,
          retryPolicy,
        },
      });
      alert.open();
      const serverInfo = loadServerInfo(fileConfig.storage.dir);
      const tasks = new TaskService({
        store,
        alert,
        logger: logger.child({ service: 'task_master' }),
        handlerServices: () => Object.fromEntries(services) as unknown as HandlerServices,
        serverInfo,
        outputs: {
          influxdb,
          metrics,
          retryPolicy,
          attemptTimeoutMs: alertCfg['delivery-timeout'] / 1e6,
          queueCapacity: 1000,
          drainTimeoutMs: config.http['shutdown-timeout'] / 1e6,
        },
      });
      tasks.open();
      const [host, port] = splitHostPort(config.http['bind-address']);
      const httpCfg = config.http;
      const logStreams = new Set<FastifyReply>();
      const http = createHttpApp(
        {
          version,
          alert,
          config: configService,
          services,
          metrics,
          applySection: async (section, value) => {
            await services.get(section)?.update(value);
          },
          vars: () => ({
            cluster_id: serverInfo.ClusterID,
            server_id: serverInfo.ServerID,
            host: serverInfo.Hostname,
            num_tasks: tasks.list().length,
            num_enabled_tasks: tasks.list().filter((t) => t.status === 'enabled').length,
            // This host makes no InfluxDB subscriptions (writes come to /write).
            num_subscriptions: 0,
            points_written: tasks.master.points,
          }),
          stats: () => ({ ...tasks.master.ingressStats(), ...tasks.nodeStats() }),
        },
        {
          maxBodySize: httpCfg['max-body-size'],
          authEnabled: httpCfg['auth-enabled'],
          credentials: config.auth,
          authFailures: {
            max: config.auth['max-failures'],
            windowMs: config.auth['failure-window'] / 1e6,
          },
          guard: {
            allowedOrigins: httpCfg['cors-allowed-origins'],
            allowedHosts: httpCfg['allowed-hosts'],
            loopback: isLoopbackName(host),
          },
          limits: {
            readTimeoutMs: httpCfg['read-timeout'] / 1e6,
            idleTimeoutMs: httpCfg['idle-timeout'] / 1e6,
            maxConnectionsPerClient: httpCfg['max-connections-per-client'],
          },
          logRequests: config.http['log-enabled'],
          logger: logger.child({ service: 'http' }),
          configOverrideEnabled: () => config['config-override'].enabled,
          extraRoutes: [
            (app, base) => registerWriteRoutes(app, base, tasks.master),
            (app, base) => registerTaskRoutes(app, tasks, base),
            (app, base) =>
              registerOperationRoutes(
                app,
                { config: configService },
                { hub, store, storageDir: fileConfig.storage.dir },
                base,
                logStreams,
              ),
            ...(options.extraRoutes ?? []),
          ],
        },
      );
      await http.listen({ host, port });
      const address = http.server.address();
      const boundPort = typeof address === 'object' && address ? address.port : port;
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
      if (port === 0) hostInfo.apiURL = `${url}/kapacitor/v1`;
      logger.info({ url, storage: store.path }, 'listening');
      return new Server(
        configService,
        store,
        lock,
        alert,
        tasks,
        services,
        http,
        url,
        logger,
        config.http['shutdown-timeout'] / 1e6,
        logStreams,
        hub,
      );
    } catch (err) {
      store.close();
      lock.release();
      throw err;
    }
  }

  /** Stop accepting, drain delivery queues up to the shutdown timeout, close the store. */
  async close(): Promise<void> {
    // Followed logs never end by themselves; end them so the listener can close.
    for (const r of this.logStreams) r.raw.end();
    await this.http.close();
    await this.tasks.close();
    await this.alert.close(this.shutdownTimeoutMs);
    for (const s of this.services.values()) {
      try {
        await s.close?.();
      } catch (err) {
        this.logger.error({ service: s.name, err: errorMessage(err) }, 'service failed to close');
      }
    }
    this.store.close();
    this.lock.release();
    this.logger.info('stopped');
  }
}

/** Says at start what opening the store found: a new store, or rows moved aside. */
function reportStoreOpening(store: Store, logger: Logger): void {
  if (store.origin === 'created') {
    logger.info({ file: store.path }, 'created a new store');
  } else if (store.origin === 'empty-file') {
    logger.warn(
      { file: store.path },
      'the store file was empty (0 bytes): created a new store in it',
    );
  }
  for (const q of store.quarantined) {
    logger.error(
      { table: q.table, ...q.key, column: q.column, reason: q.reason, quarantineId: q.id },
      `corrupt row moved to the quarantine table, the host starts without it: ${describeQuarantined(q)}`,
    );
  }
}

function splitHostPort(addr: string): [string, number] {
  const i = addr.lastIndexOf(':');
  let host = addr.slice(0, i);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return [host === '' ? '0.0.0.0' : host, Number(addr.slice(i + 1))];
}
