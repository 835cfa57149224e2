// Expressions of the kind spec language: a small, checked subset of TypeScript over the
// names a kind may use (`event.message`, `options.chatId`, `config.url`, `levels.color`,
// `host.apiURL`, `test.message`, the wire helpers, and `payload.*` from a kind's own
// hand-written module). An expression that names an unknown field is refused with the field
// named; a valid one is rewritten into the generated code: option and config names as the
// keys Kapacitor spells (`options['chat-id']`), level tables indexed by the event's level.

import { ts } from 'ts-morph';
import { cachedAnalysis } from '../analysis-cache.js';

/** The flat event fields expressions may read (src/delivery/wire.ts `EventFields`). */
export const eventFieldNames = [
  'id',
  'message',
  'details',
  'time',
  'duration',
  'level',
  'previousLevel',
  'recoverable',
  'name',
  'taskName',
  'category',
  'group',
  'tags',
  'fields',
  'data',
  'topic',
] as const;

/** Functions of src/delivery/wire.ts that expressions may call. */
export const helperNames = [
  'joinURL',
  'pathEscape',
  'queryEscape',
  'seconds',
  'unixSeconds',
  'rfc3339',
  'rfc3339Nano9',
  'jsonString',
  'eventData',
  'tagList',
  'truncateBytes',
  'base64URL',
  'firstNonEmpty',
  'nullIfEmpty',
  'own',
  'htmlUnescape',
  'nanosecondsOf',
  'goDuration',
  'setQuery',
  'rfc3339Seconds',
  'now',
  'goDurationNs',
  'durationText',
  'fillEmpty',
  'sortedMap',
  'testEventData',
  'contains',
  'stringValues',
  'jsonStringValues',
  'eachAs',
  'basicAuth',
  'matches',
  'truncateJSON',
  'truncateUTF8',
  'goJSON',
  'decodeJSONStrings',
  'isEmpty',
  'omitEmpty',
  'goMap',
  'milliseconds',
  'mailTo',
  'alertJSON',
  'kafkaPartitioning',
  'String',
  'Number',
] as const;

export interface ExprScope {
  /** camelCase name → the key as spelled in the schema (`chatId` → `chat-id`). */
  options?: ReadonlyMap<string, string>;
  config?: ReadonlyMap<string, string>;
  test?: ReadonlyMap<string, string>;
  levels?: ReadonlySet<string>;
  /** Functions the kind's hand-written module exports (`payload.*`). */
  module?: boolean;
  /** The roots an expression may read (all when absent): a connection's settings see `config` only. */
  roots?: ReadonlySet<string>;
  /** The variable names the generated code uses for each root. */
  names?: Partial<Record<'event' | 'options' | 'config' | 'test' | 'host' | 'levels', string>>;
}

export class ExprError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExprError';
  }
}

/** camelCase of a key as Kapacitor spells it: `chat-id` → `chatId`, `recovery_action` → `recoveryAction`. */
export function camelKey(key: string): string {
  return key.replace(/[-_]+([A-Za-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** A set built on first use: TypeScript loads only once an expression is compiled. */
function lazySet<T>(items: () => T[]): { has(item: T): boolean } {
  let set: Set<T> | undefined;
  return { has: (item) => (set ??= new Set(items())).has(item) };
}

const allowedKinds = lazySet<ts.SyntaxKind>(() => [
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.PropertyAccessExpression,
  ts.SyntaxKind.ElementAccessExpression,
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateExpression,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateSpan,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.ConditionalExpression,
  ts.SyntaxKind.BinaryExpression,
  ts.SyntaxKind.PrefixUnaryExpression,
  ts.SyntaxKind.ParenthesizedExpression,
  ts.SyntaxKind.ArrayLiteralExpression,
  ts.SyntaxKind.ObjectLiteralExpression,
  ts.SyntaxKind.PropertyAssignment,
  ts.SyntaxKind.ShorthandPropertyAssignment,
  ts.SyntaxKind.SpreadAssignment,
  ts.SyntaxKind.SpreadElement,
  ts.SyntaxKind.QuestionToken,
  ts.SyntaxKind.ColonToken,
  /** optional chaining: `event.data.series?.[0]?.tags` */
  ts.SyntaxKind.QuestionDotToken,
]);

const allowedOperators = lazySet<ts.SyntaxKind>(() => [
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.PlusToken,
  ts.SyntaxKind.MinusToken,
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
]);

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Check an expression against the scope and return it as generated code. Throws ExprError
 * naming what is wrong (the caller adds the spec file and key path). A result this build
 * computed before for the same expression and scope is reused: a kind built from flags then
 * needs no TypeScript until its touch points are wired, so its files reach the formatter
 * while TypeScript loads.
 */
export function compileExpr(text: string, scope: ExprScope): string {
  // A plain single-quoted string is its own code (specs built from flags name their kind in
  // one: 'test foo message'), with no need to parse it.
  if (plainString.test(text)) return text;
  const key = [
    text,
    scope.options && [...scope.options],
    scope.config && [...scope.config],
    scope.test && [...scope.test],
    scope.levels && [...scope.levels],
    scope.module,
    scope.roots && [...scope.roots],
    scope.names,
  ];
  return cachedAnalysis('compileExpr', key, () => compileExprText(text, scope));
}

/** A single-quoted string literal without escapes, quotes or line breaks. */
const plainString = /^'[^'\\\r\n\u2028\u2029]*'$/;

function compileExprText(text: string, scope: ExprScope): string {
  const source = ts.createSourceFile('expr.ts', `(${text});`, ts.ScriptTarget.ES2022, true);
  const diagnostics = (source as unknown as { parseDiagnostics?: ts.Diagnostic[] })
    .parseDiagnostics;
  if (diagnostics && diagnostics.length > 0) {
    throw new ExprError(
      `not an expression: ${ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, ' ')}`,
    );
  }
  const statement = source.statements[0];
  if (source.statements.length !== 1 || !statement || !ts.isExpressionStatement(statement)) {
    throw new ExprError('not a single expression');
  }
  const names = {
    event: 'event',
    options: 'options',
    config: 'config',
    test: 'test',
    host: 'host',
    levels: 'levels',
    ...scope.names,
  };
  const edits: Edit[] = [];
  const offset = 1; // the opening parenthesis
  const visit = (node: ts.Node): void => {
    if (!allowedKinds.has(node.kind)) {
      throw new ExprError(`"${node.getText(source)}" is not allowed in a spec expression`);
    }
    if (ts.isBinaryExpression(node)) {
      if (!allowedOperators.has(node.operatorToken.kind)) {
        throw new ExprError(`operator "${node.operatorToken.getText(source)}" is not allowed`);
      }
      visit(node.left);
      visit(node.right);
      return;
    }
    if (ts.isPrefixUnaryExpression(node)) {
      if (![ts.SyntaxKind.ExclamationToken, ts.SyntaxKind.MinusToken].includes(node.operator)) {
        throw new ExprError(`"${node.getText(source)}" is not allowed`);
      }
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const helper =
        ts.isIdentifier(callee) && (helperNames as readonly string[]).includes(callee.text);
      const fromModule =
        scope.module === true &&
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === 'payload';
      if (!helper && !fromModule) {
        throw new ExprError(
          `unknown function "${callee.getText(source)}" (helpers: ${helperNames.join(', ')}` +
            `${scope.module ? ', and payload.* from the kind module' : ''})`,
        );
      }
      for (const arg of node.arguments) visit(arg);
      return;
    }
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const root = node.expression.text;
      const member = node.name.text;
      const at = { start: node.getStart(source) - offset, end: node.getEnd() - offset };
      if (scope.roots && !scope.roots.has(root) && root !== 'payload') {
        throw new ExprError(
          `${root}.${member}: only ${[...scope.roots].join(', ')} can be read here`,
        );
      }
      switch (root) {
        case 'event':
          if (!(eventFieldNames as readonly string[]).includes(member)) {
            throw new ExprError(
              `event.${member}: no such event field (fields: ${eventFieldNames.join(', ')})`,
            );
          }
          edits.push({ ...at, text: `${names.event}.${member}` });
          return;
        case 'options':
        case 'config':
        case 'test': {
          const known = scope[root];
          const key = known?.get(member);
          if (!known || key === undefined) {
            const list = known ? [...known.keys()].join(', ') : 'none here';
            throw new ExprError(
              `${root}.${member}: no such ${root === 'test' ? 'test option' : root === 'options' ? 'option' : 'config field'} (${list})`,
            );
          }
          edits.push({ ...at, text: access(names[root], key) });
          return;
        }
        case 'levels':
          if (!scope.levels?.has(member)) {
            throw new ExprError(
              `levels.${member}: no such level table (${[...(scope.levels ?? [])].join(', ') || 'none defined'})`,
            );
          }
          edits.push({ ...at, text: `${names.levels}.${member}[${names.event}.level]` });
          return;
        case 'host':
          if (member !== 'apiURL') throw new ExprError(`host.${member}: only host.apiURL exists`);
          edits.push({ ...at, text: `${names.host}.apiURL` });
          return;
        case 'payload':
          if (!scope.module) throw new ExprError('payload.* needs a `module:` in the spec');
          return;
        default:
          throw new ExprError(
            `unknown name "${root}" (use event, options, config, levels or host)`,
          );
      }
    }
    if (ts.isIdentifier(node)) {
      if (node.text === 'undefined') return;
      if (node.text === 'event' && !scope.roots) {
        // The whole event, for a helper that reads all of it (`alertJSON(event)`).
        const at = { start: node.getStart(source) - offset, end: node.getEnd() - offset };
        edits.push({ ...at, text: names.event });
        return;
      }
      throw new ExprError(
        `unknown name "${node.text}"${/^[a-z]/.test(node.text) ? " (a string literal needs quotes: 'text')" : ''}`,
      );
    }
    if (ts.isPropertyAccessExpression(node)) {
      // a.b.c: the root is checked above; deeper members are free (event.tags.host).
      visit(node.expression);
      return;
    }
    if (ts.isPropertyAssignment(node)) {
      visit(node.initializer);
      return;
    }
    node.forEachChild(visit);
  };
  visit(statement.expression);
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return out;
}

/** `options.room` or `options['chat-id']`. */
export function access(root: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)
    ? `${root}.${key}`
    : `${root}[${JSON.stringify(key)}]`;
}
