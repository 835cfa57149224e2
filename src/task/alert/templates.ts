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

function idData(input: IdInput) {
  return {
    [goTypeName]: 'kapacitor.idInfo',
    Name: input.name,
    TaskName: input.taskName,
    // Node templates show the nil group as "nil" (handler templates get the raw key).
    Group: input.group === '' ? 'nil' : input.group,
    Tags: new GoMap<string>('string', Object.entries(input.tags)),
    ServerInfo: {
      [goTypeName]: 'kapacitor.serverInfo',
      Hostname: input.serverInfo.Hostname,
      ClusterID: input.serverInfo.ClusterID,
      ServerID: input.serverInfo.ServerID,
    },
  };
}

function messageData(input: MessageInput) {
  return {
    ...idData(input),
    [goTypeName]: 'kapacitor.messageInfo',
    ID: input.id,
    Fields: new GoMap<unknown>('interface', Object.entries(input.fields)),
    Level: levelName(input.level),
    Time: new GoTime(input.time),
    Duration: new GoDuration(input.duration),
  };
}

const defaultIdTemplate = /^\{\{\s*\.Name\s*\}\}:\{\{\s*\.Group\s*\}\}$/;

/**
 * The id is rendered for every point, so the default `{{ .Name }}:{{ .Group }}` and templates
 * without actions skip the template engine (same output, a fraction of the cost).
 */
function fastId(text: string): ((input: IdInput) => string) | undefined {
  if (defaultIdTemplate.test(text))
    return (input) => `${input.name}:${input.group === '' ? 'nil' : input.group}`;
  if (!text.includes('{{')) return () => text;
  return undefined;
}

export class AlertTemplates {
  private readonly fastId: ((input: IdInput) => string) | undefined;

  private constructor(
    idText: string,
    private readonly id: Template,
    private readonly message: Template,
    private readonly details: Template,
  ) {
    this.fastId = fastId(idText);
  }

  /** Parse the three templates; throws TemplateParseError (`template: id:1: ...`). */
  static parse(props: Pick<AlertProps, 'id' | 'message' | 'details'>): AlertTemplates {
    return new AlertTemplates(
      props.id,
      parseTemplate('id', props.id),
      parseTemplate('message', props.message),
      parseTemplate('details', props.details, { html: true, funcs: jsonTemplateFuncs }),
    );
  }

  /** Throws TemplateExecError. */
  renderId(input: IdInput): string {
    return this.fastId ? this.fastId(input) : this.id.execute(idData(input));
  }

  /** Throws TemplateExecError. */
  renderMessageAndDetails(input: MessageInput): { message: string; details: string } {
    const data = messageData(input);
    const message = this.message.execute(data);
    const details = this.details.execute({
      ...data,
      [goTypeName]: 'kapacitor.detailsInfo',
      Message: message,
    });
    return { message, details };
  }
}
