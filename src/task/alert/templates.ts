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
  htmlTextEscape,
  jsonFunc,
  jsonTemplateFuncs,
  parseTemplate,
  type Template,
} from '../../tick/template/index.js';
import type { ServerInfo } from '../node-runtime.js';
import { flatString } from '../../common/flat-string.js';

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

function detailsData(data: ReturnType<typeof messageData>, message: string) {
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
  /** details is `{{ json . }}`: what the engine prints for it, without walking the template */
  private readonly detailsAreJSON: boolean;

  private constructor(
    idText: string,
    detailsText: string,
    private readonly id: Template,
    private readonly message: Template,
    private readonly details: Template,
  ) {
    this.fastId = fastId(idText);
    this.detailsAreJSON = jsonOfDotTemplate.test(detailsText);
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
    const data = messageData(input);
    const message = this.message.execute(data);
    const dot = detailsData(data, message);
    // html/template escapes the printed JSON; json prints '' for what Go cannot encode.
    const details = this.detailsAreJSON
      ? flatString(htmlTextEscape(jsonFunc(dot)))
      : this.details.execute(dot);
    return { message, details };
  }
}
