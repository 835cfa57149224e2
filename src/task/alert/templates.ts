// The alert node's templates (alert-node.md §3): id and message with text/template, details
// with html/template plus json/jsonCompact. The data mirrors Kapacitor's idInfo, messageInfo
// and detailsInfo structs: embedded structs flatten, so one object in Go field order serves
// both `.Name` lookups and `{{ json . }}` (Name, TaskName, Group, Tags, ServerInfo, ID,
// Fields, Level, Time, Duration, Message).

import type { Fields, Tags } from '../../alert/event.js';
import { type Level, levelName } from '../../alert/level.js';
import { GoDuration } from '../../common/duration.js';
import { GoTime } from '../../common/gotime.js';
import type { AlertProps } from '../../pipeline/model.js';
import {
  GoMap,
  goTypeName,
  jsonTemplateFuncs,
  parseTemplate,
  type Template,
} from '../../tick/template/index.js';
import type { ServerInfo } from '../node-runtime.js';
import { defaultDetails } from './default-details.js';

/** What the id template sees. */
export interface IdInput {
  name: string;
  taskName: string;
  /** raw group id, '' for the nil group */
  group: string;
  tags: Tags;
  serverInfo: ServerInfo;
}

/** What the message and details templates see in addition. */
export interface MessageInput extends IdInput {
  id: string;
  fields: Fields;
  level: Level;
  time: bigint;
  duration: bigint;
}

function serverInfoData(info: ServerInfo) {
  return {
    [goTypeName]: 'kapacitor.serverInfo',
    Hostname: info.Hostname,
    ClusterID: info.ClusterID,
    ServerID: info.ServerID,
  };
}

// Node templates show the nil group as "nil" (handler templates get the raw key).
const groupName = (group: string): string => (group === '' ? 'nil' : group);

function idData(input: IdInput) {
  return {
    [goTypeName]: 'kapacitor.idInfo',
    Name: input.name,
    TaskName: input.taskName,
    Group: groupName(input.group),
    Tags: new GoMap<string>('string', Object.entries(input.tags)),
    ServerInfo: serverInfoData(input.serverInfo),
  };
}

// messageInfo and detailsInfo are written out as literals, not spread from idInfo: a spread
// with a symbol key makes a slow dictionary object, and these are built for every event.
function messageData(input: MessageInput) {
  return {
    [goTypeName]: 'kapacitor.messageInfo',
    Name: input.name,
    TaskName: input.taskName,
    Group: groupName(input.group),
    Tags: new GoMap<string>('string', Object.entries(input.tags)),
    ServerInfo: serverInfoData(input.serverInfo),
    ID: input.id,
    Fields: new GoMap<unknown>('interface', Object.entries(input.fields)),
    Level: levelName(input.level),
    Time: new GoTime(input.time),
    Duration: new GoDuration(input.duration),
  };
}

type MessageData = ReturnType<typeof messageData>;

/** The string fields of messageInfo: all that Kapacitor's default message reads. */
function messageStrings(input: MessageInput) {
  return {
    Name: input.name,
    TaskName: input.taskName,
    Group: groupName(input.group),
    ID: input.id,
    Level: levelName(input.level),
  };
}
const messageStringFields: ReadonlySet<string> = new Set(
  Object.keys(
    messageStrings({
      name: '',
      taskName: '',
      group: '',
      tags: {},
      serverInfo: { Hostname: '', ClusterID: '', ServerID: '' },
      id: '',
      fields: {},
      level: 0,
      time: 0n,
      duration: 0n,
    }),
  ),
);

function detailsData(data: MessageData, message: string) {
  return {
    [goTypeName]: 'kapacitor.detailsInfo',
    Name: data.Name,
    TaskName: data.TaskName,
    Group: data.Group,
    Tags: data.Tags,
    ServerInfo: data.ServerInfo,
    ID: data.ID,
    Fields: data.Fields,
    Level: data.Level,
    Time: data.Time,
    Duration: data.Duration,
    Message: message,
  };
}

/** Kapacitor's default details template. */
const jsonOfDotTemplate = /^\{\{\s*json\s+\.\s*\}\}$/;

const defaultIdTemplate = /^\{\{\s*\.Name\s*\}\}:\{\{\s*\.Group\s*\}\}$/;

/**
 * The id is rendered for every point, so the default `{{ .Name }}:{{ .Group }}` and templates
 * without actions skip the template engine (same output, a fraction of the cost).
 */
function fastId(text: string): ((input: IdInput) => string) | undefined {
  if (defaultIdTemplate.test(text)) return (input) => `${input.name}:${groupName(input.group)}`;
  if (!text.includes('{{')) return () => text;
  return undefined;
}

export class AlertTemplates {
  private readonly fastId: ((input: IdInput) => string) | undefined;
  /** details is `{{ json . }}` (Kapacitor's default): written by defaultDetails */
  private readonly detailsAreJSON: boolean;
  /** message only prints string fields (`{{ .ID }} is {{ .Level }}`, the default) */
  private readonly messageUsesStrings: boolean;

  private constructor(
    idText: string,
    detailsText: string,
    private readonly id: Template,
    private readonly message: Template,
    private readonly details: Template,
  ) {
    this.fastId = fastId(idText);
    this.detailsAreJSON = jsonOfDotTemplate.test(detailsText);
    const fields = message.simpleFields;
    this.messageUsesStrings = fields?.every((f) => messageStringFields.has(f)) ?? false;
  }

  /** Parse the three templates; throws TemplateParseError (`template: id:1: ...`). */
  static parse(props: Pick<AlertProps, 'id' | 'message' | 'details'>): AlertTemplates {
    return new AlertTemplates(
      props.id,
      props.details,
      parseTemplate('id', props.id),
      parseTemplate('message', props.message),
      parseTemplate('details', props.details, { html: true, funcs: jsonTemplateFuncs }),
    );
  }

  /** The id template is one renderId never fails on (the default, or plain text). */
  get idCannotFail(): boolean {
    return this.fastId !== undefined;
  }

  /** Throws TemplateExecError. */
  renderId(input: IdInput): string {
    return this.fastId ? this.fastId(input) : this.id.execute(idData(input));
  }

  /** Throws TemplateExecError. */
  renderMessageAndDetails(input: MessageInput): { message: string; details: string } {
    // The full template data (maps, time, duration) is built only for templates that need
    // more than the defaults do.
    let data: MessageData | undefined;
    const message = this.messageUsesStrings
      ? this.message.execute(messageStrings(input))
      : this.message.execute((data = messageData(input)));
    const details = this.detailsAreJSON
      ? defaultDetails({
          name: input.name,
          taskName: input.taskName,
          group: groupName(input.group),
          tags: input.tags,
          serverInfo: input.serverInfo,
          id: input.id,
          fields: input.fields,
          level: input.level,
          time: input.time,
          duration: input.duration,
          message,
        })
      : this.details.execute(detailsData(data ?? messageData(input), message));
    return { message, details };
  }
}
