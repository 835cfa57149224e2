// Errors raised by the Go-template engine. Messages follow Go's text/template wording so
// operators who know Kapacitor recognise them:
//   parse: `template: <name>:<line>: <detail>`
//   exec:  `template: <name>:<line>:<col>: executing "<name>" at <<node>>: <detail>`

export class TemplateParseError extends Error {
  override readonly name = 'TemplateParseError';
  constructor(
    readonly templateName: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`template: ${templateName}:${line}: ${detail}`);
  }
}

export class TemplateExecError extends Error {
  override readonly name = 'TemplateExecError';
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
  }
}
