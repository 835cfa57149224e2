// The wiring engine: reconcile the handler folders in src/services/ with the six touch points.
// Everything goes through a Plan: the touch points are read from it into an in-memory ts-morph
// project (only those files: no tsconfig, no type checker), edited, and written back to it.
// Every anchor is checked before any edit, so a missing anchor stages nothing.

import { IndentationText, Project, QuoteKind, type SourceFile } from 'ts-morph';
import { cachedAnalysis, keepAnalysis, peekAnalysis } from '../analysis-cache.js';
import { statementSpans, type StatementSpan } from '../format-statements.js';
import type { Plan } from '../plan.js';
import { alertNode } from './alert-node.js';
import { alertService } from './alert-service.js';
import { isKindName } from './names.js';
import { stateAfter, statementsAfter, type TouchPointState } from './outline-after.js';
import { pipelineAlert } from './pipeline-alert.js';
import { serverConfig } from './server-config.js';
import { serverServices } from './server-services.js';
import { taskMaster } from './task-master.js';
import { applyInserts, insertedText, textWithInserts, type Inserts } from './ast.js';
import { assertParsed, exportedNames, keepExportedNames, SyntaxProblemError } from './syntax.js';
import {
  servicesDir,
  WiringError,
  type TouchPoint,
  type TouchPointOutline,
  type WiringCheck,
} from './touch-point.js';

export { handlerNames, isKindName, kindPattern, type HandlerNames } from './names.js';
export {
  AnchorMissingError,
  servicesDir,
  WiringError,
  type TouchPoint,
  type WiringState,
} from './touch-point.js';

/** The six touch points, in the order reports list them. */
export const touchPoints: readonly TouchPoint[] = [
  serverConfig,
  serverServices,
  taskMaster,
  alertService,
  pipelineAlert,
  alertNode,
];

export interface HandlerFolder {
  kind: string;
  /** File names directly in the folder (`handler.ts`, ...). */
  files: string[];
}

export interface HandlerFolders {
  folders: HandlerFolder[];
  /** Entries of src/services/ that are not handler folders (bad name, plain file). */
  ignored: string[];
}

/** What one touch point gained, lost and already had (kinds, sorted). */
export interface TouchPointReport {
  file: string;
  added: string[];
  removed: string[];
  present: string[];
}

export interface Drift {
  file: string;
  kind: string;
  problem: 'missing' | 'partial' | 'mismatch' | 'stale' | 'export';
  /** One line: `src/alert/service.ts: handler kind "foo" is not wired`. */
  message: string;
}

/** The handler folders as the plan sees them (staged files count, staged deletions don't). */
export function readHandlerFolders(plan: Plan): HandlerFolders {
  const folders: HandlerFolder[] = [];
  const ignored: string[] = [];
  for (const name of plan.list(servicesDir)) {
    const dir = `${servicesDir}/${name}`;
    if (!isKindName(name) || !plan.isDirectory(dir)) {
      ignored.push(dir);
      continue;
    }
    folders.push({ kind: name, files: plan.list(dir).filter((f) => plan.exists(`${dir}/${f}`)) });
  }
  return { folders, ignored };
}

/** Reconcile every handler folder with every touch point: add what is missing, drop stale. */
export function planWiring(plan: Plan): TouchPointReport[] {
  return reconcile(plan, readHandlerFolders(plan).folders, () => true);
}

/**
 * Wire one kind from its folder as staged in the plan (new-handler stages the generated files
 * first): add the entries its files call for, drop those they no longer do.
 */
export function wireKind(plan: Plan, kind: string): TouchPointReport[] {
  const folder = readHandlerFolders(plan).folders.find((f) => f.kind === kind);
  if (!folder) throw new WiringError(`${servicesDir}/${kind}: no such handler folder`);
  return reconcile(plan, [folder], (k) => k === kind);
}

/**
 * What `wireKind` does for a kind no touch point holds anything of, without TypeScript: from
 * the outlines of touch point texts analysed before (by any `wire`, `wire --check` or
 * scaffolder run that parsed them), with the kind's exports read by `exportedNames` (the
 * formatting worker's parser). Undefined, with nothing staged, when a touch point was not
 * analysed, holds something of the kind, needs the tree, or an export is missing or does not
 * parse: `wireKind` then does it, and says what is wrong. Returns the reports and, per touch
 * point changed, its text before and the insertions made (for formatting by statement).
 */
export async function wireNewKind(
  plan: Plan,
  kind: string,
  exportedNames: (text: string) => Promise<string[]>,
  /** Told why, when the outlines cannot do it (for CONDENSER_SCAFFOLD_DEBUG). */
  because: (why: string) => void = () => undefined,
): Promise<{ reports: TouchPointReport[]; edits: Map<string, OutlinedEdit> } | undefined> {
  const folder = readHandlerFolders(plan).folders.find((f) => f.kind === kind);
  if (!folder) return undefined;
  const planned: Array<{ touchPoint: TouchPoint; text: string; outline: KeptOutline }> = [];
  for (const touchPoint of touchPoints) {
    const text = plan.tryRead(touchPoint.file);
    if (text === undefined) return undefined;
    const outline = peekAnalysis<KeptOutline | null>(outlineAnalysis, [touchPoint.file, text]);
    if (outline === undefined) return void because(`${touchPoint.file} was not analysed before`);
    if (!outline) return void because(`${touchPoint.file} needs its tree`);
    if (outline.wired.includes(kind)) return void because(`${touchPoint.file} holds ${kind}`);
    planned.push({ touchPoint, text, outline });
  }
  const applying = planned.filter(({ touchPoint }) => touchPoint.appliesTo(folder.files));
  const files = [
    ...new Set(applying.map(({ touchPoint }) => touchPoint.importedSymbol(kind).file)),
  ];
  const exports = new Map<string, string[]>();
  try {
    await Promise.all(
      files.map(async (file) => {
        const text = plan.tryRead(`${servicesDir}/${kind}/${file}`);
        if (text !== undefined) exports.set(file, await exportedNames(text));
      }),
    );
  } catch {
    return void because(`an export of ${kind} does not parse`);
  }
  const edits = new Map<string, OutlinedEdit>();
  for (const { touchPoint, text, outline } of applying) {
    const { file, name } = touchPoint.importedSymbol(kind);
    if (!exports.get(file)?.includes(name)) return void because(`${file} does not export ${name}`);
    const inserts = touchPoint.outlinedInserts(outline, kind);
    if (!inserts) return void because(`${touchPoint.file} needs its tree`);
    const after = insertedText(text, inserts);
    const next = touchPoint.outlineAfter(outline, kind, inserts, after);
    const outlineAfter: KeptOutline = {
      ...next.outline,
      statements: statementsAfter(outline.statements, inserts, next.statement),
    };
    edits.set(touchPoint.file, {
      before: text,
      statements: outline.statements,
      inserts,
      after,
      outlineAfter,
    });
  }
  for (const [file, { after }] of edits) plan.write(file, after);
  const reports = planned.map(({ touchPoint, outline }) => ({
    file: touchPoint.file,
    added: edits.has(touchPoint.file) ? [kind] : [],
    removed: [],
    present: outline.wired,
  }));
  return { reports, edits };
}

/** A touch point's text before an outlined wiring, its statements, and the insertions made. */
export interface OutlinedEdit {
  before: string;
  statements: StatementSpan[];
  inserts: Inserts;
  /** The text the insertions made, and its outline (outline-after.ts). */
  after: string;
  outlineAfter: KeptOutline;
}

/**
 * Keep what the next run would parse the touch points an outlined wiring of `kind` wrote for,
 * where the formatting kept every statement it inserted (the text is as it made it): each one's
 * outline (outline-after.ts), for the next new kind; each one's state, for `wire --check`:
 * the state of the text before (when a check found it) with the new kind present, since a
 * kind's check reads only its own entry and import; and the names the kind's files export,
 * read by `exportedNames` (the formatting worker's parser). No parse of the touch points.
 */
export async function keepAfterOutlinedWiring(
  plan: Plan,
  kind: string,
  edits: ReadonlyMap<string, OutlinedEdit>,
  exportedNames: (text: string) => Promise<string[]>,
): Promise<void> {
  const { folders } = readHandlerFolders(plan);
  const others = folders.filter((f) => f.kind !== kind);
  const files = new Set<string>();
  for (const touchPoint of touchPoints) {
    const edit = edits.get(touchPoint.file);
    if (!edit || plan.tryRead(touchPoint.file) !== edit.after) continue;
    keepAnalysis(outlineAnalysis, [touchPoint.file, edit.after], edit.outlineAfter);
    files.add(`${servicesDir}/${kind}/${touchPoint.importedSymbol(kind).file}`);
    const wantedBefore = kindsFor(touchPoint, others);
    const before = peekAnalysis<TouchPointState>(stateAnalysis, [
      touchPoint.file,
      edit.before,
      wantedBefore,
    ]);
    if (!before) continue;
    const wanted = kindsFor(touchPoint, folders);
    const state = stateAfter(before, kind, wanted);
    if (state) keepAnalysis(stateAnalysis, [touchPoint.file, edit.after, wanted], state);
  }
  await Promise.all(
    [...files].map(async (file) => {
      const text = plan.tryRead(file);
      if (text === undefined) return;
      // A text the worker cannot parse is left to TypeScript's parse (and message) next time.
      const names = await exportedNames(text).catch(() => undefined);
      if (names) keepExportedNames(text, names);
    }),
  );
}

const outlineAnalysis = 'touchPointOutline';

/** Keep what `add` reads of a touch point's text, for a later run to wire a new kind with. */
function keepOutline(touchPoint: TouchPoint, text: string, sourceFile: SourceFile): void {
  const outline = touchPoint.outline(sourceFile);
  const kept: KeptOutline | null = outline
    ? { ...outline, statements: statementSpans(sourceFile.compilerNode) }
    : null;
  keepAnalysis(outlineAnalysis, [touchPoint.file, text], kept);
}

/**
 * Keep the outlines of the touch points as a plan leaves them (formatted, committed or not): the
 * next new kind is then wired from them (wireNewKind) instead of through the trees. For
 * commands that have TypeScript loaded already (they wired through the trees); a text analysed
 * before (every touch point the command did not change) is not parsed again.
 */
export function keepTouchPointOutlines(plan: Plan): void {
  let project: Project | undefined;
  for (const touchPoint of touchPoints) {
    const text = plan.tryRead(touchPoint.file); // as staged, or as written by the commit
    if (text === undefined) continue;
    if (peekAnalysis(outlineAnalysis, [touchPoint.file, text]) !== undefined) continue;
    project ??= newProject();
    try {
      keepOutline(touchPoint, text, openTouchPoint(project, touchPoint, text));
    } catch (err) {
      // Only a cache, kept after the command's work is done: a text the wiring cannot open
      // is told about by the next run that needs it, not by this one.
      if (!(err instanceof WiringError || err instanceof SyntaxProblemError)) throw err;
    }
  }
}

/** A touch point's outline as kept, with the spans of its statements (for formatting). */
type KeptOutline = TouchPointOutline & { statements: StatementSpan[] };

/** Remove every entry of one kind, whether or not its folder still exists. */
export function unwireKind(plan: Plan, kind: string): TouchPointReport[] {
  return reconcile(plan, [], (k) => k === kind);
}

/** What `planWiring` would change, as one drift per touch point and kind. Stages nothing. */
export function checkWiring(plan: Plan): Drift[] {
  const { folders } = readHandlerFolders(plan);
  const drifts: Drift[] = [];
  for (const touchPoint of touchPoints) {
    const wanted = kindsFor(touchPoint, folders);
    const { checks, wired } = touchPointState(touchPoint, readTouchPoint(plan, touchPoint), wanted);
    const at = `${touchPoint.file}: ${touchPoint.entryNoun}`;
    const add = (kind: string, problem: Drift['problem'], message: string) =>
      drifts.push({ file: touchPoint.file, kind, problem, message });
    for (const [kind, { state, detail }] of checks) {
      const exportProblem = missingExport(plan, touchPoint, kind);
      if (exportProblem) add(kind, 'export', `${at} "${kind}": ${exportProblem}`);
      if (state === 'missing') add(kind, state, `${at} "${kind}" is not wired`);
      else if (state === 'partial') add(kind, state, `${at} "${kind}" is partly wired: ${detail}`);
      else if (state === 'mismatch') add(kind, state, `${at} "${kind}" is miswired: ${detail}`);
    }
    for (const kind of wired) {
      if (wanted.includes(kind)) continue;
      const missingFile = `${servicesDir}/${kind}/${touchPoint.requires}`;
      add(kind, 'stale', `${at} "${kind}" is wired but ${missingFile} does not exist`);
    }
  }
  return drifts;
}

const stateAnalysis = 'touchPointState';

/**
 * The touch point's state for the wanted kinds, parsed (syntax and anchor checked first) or,
 * for a text this build analysed before with the same kinds, as it found it then.
 */
function touchPointState(touchPoint: TouchPoint, text: string, wanted: string[]): TouchPointState {
  return cachedAnalysis(stateAnalysis, [touchPoint.file, text, wanted], () => {
    const sourceFile = openTouchPoint(newProject(), touchPoint, text);
    keepOutline(touchPoint, text, sourceFile);
    return {
      checks: wanted.map((kind): [string, WiringCheck] => [
        kind,
        touchPoint.check(sourceFile, kind),
      ]),
      wired: touchPoint.wiredKinds(sourceFile),
    };
  });
}

/**
 * Why the kind's folder cannot back its entry here (the symbol the entry imports is not
 * exported by the file, e.g. after a rename), or undefined when it can.
 */
function missingExport(plan: Plan, touchPoint: TouchPoint, kind: string): string | undefined {
  const { file, name } = touchPoint.importedSymbol(kind);
  const path = `${servicesDir}/${kind}/${file}`;
  const text = plan.tryRead(path);
  if (text === undefined) return `${path} does not exist`;
  const exported = exportedNames(path, text);
  if (exported.has(name)) return undefined;
  const others = [...exported].sort();
  return `${path} does not export ${name}${others.length > 0 ? ` (it exports ${others.join(', ')})` : ''}; rename it back to ${name}`;
}

/** Whether a report changed anything. */
export function changedTouchPoints(reports: TouchPointReport[]): TouchPointReport[] {
  return reports.filter((r) => r.added.length > 0 || r.removed.length > 0);
}

/** One line per touch point: `added foo, removed bar, 6 present`. */
export function summarizeReport(report: TouchPointReport): string {
  const parts: string[] = [];
  if (report.added.length > 0) parts.push(`added ${report.added.join(' ')}`);
  if (report.removed.length > 0) parts.push(`removed ${report.removed.join(' ')}`);
  parts.push(`${report.present.length} present`);
  return parts.join(', ');
}

/**
 * Make each touch point hold exactly the wanted kinds among those `inScope` selects: add the
 * missing, remove the unwanted. Kinds out of scope are neither added nor removed.
 */
function reconcile(
  plan: Plan,
  folders: HandlerFolder[],
  inScope: (kind: string) => boolean,
): TouchPointReport[] {
  const sources = openTouchPoints(plan);
  const reports = touchPoints.map((touchPoint) => {
    const sourceFile = sources.get(touchPoint);
    // The last kind's additions are applied to the text without parsing it again (a
    // re-parse is most of the wiring's time) unless the tree is read after them.
    const pending = sources.pending(touchPoint);
    const parsed = () => applyInserts(sourceFile, pending);
    const wanted = kindsFor(touchPoint, folders).filter(inScope);
    const wiredBefore = touchPoint.wiredKinds(sourceFile);
    const report: TouchPointReport = { file: touchPoint.file, added: [], removed: [], present: [] };
    for (const kind of wanted) {
      const exportProblem = missingExport(plan, touchPoint, kind);
      if (exportProblem)
        throw new WiringError(`${touchPoint.file}: cannot wire "${kind}": ${exportProblem}`);
      parsed();
      const { state } = touchPoint.check(sourceFile, kind);
      if (state === 'present') continue;
      // A partial or miswired entry is rebuilt from scratch: exactly what the folder calls for.
      if (state !== 'missing') touchPoint.remove(sourceFile, kind);
      touchPoint.add(sourceFile, kind, pending);
      report.added.push(kind);
    }
    // Adding only ever adds wanted kinds: the unwanted are among those wired before.
    for (const kind of wiredBefore) {
      if (!inScope(kind) || wanted.includes(kind)) continue;
      parsed();
      touchPoint.remove(sourceFile, kind);
      report.removed.push(kind);
    }
    // Present = every kind still wired here that this run did not add, in scope or not, so
    // that "removed foo, 6 present" reads the same from wire and from remove-handler.
    const wiredAfter = report.removed.length > 0 ? touchPoint.wiredKinds(sourceFile) : wiredBefore;
    report.present = wiredAfter.filter((k) => !report.added.includes(k));
    return report;
  });
  sources.writeBack(plan);
  return reports;
}

function kindsFor(touchPoint: TouchPoint, folders: HandlerFolder[]): string[] {
  return folders.filter((f) => touchPoint.appliesTo(f.files)).map((f) => f.kind);
}

interface TouchPointSources {
  get(touchPoint: TouchPoint): SourceFile;
  /** Insertions recorded on the touch point's tree and not applied yet. */
  pending(touchPoint: TouchPoint): Inserts;
  /**
   * Stage the text of every touch point, pending insertions applied, into the plan
   * (unchanged text stages nothing).
   */
  writeBack(plan: Plan): void;
}

/** An in-memory ts-morph project for touch points only: no tsconfig, no type checker. */
function newProject(): Project {
  return new Project({
    useInMemoryFileSystem: true,
    skipFileDependencyResolution: true,
    // Close to the project's prettier style, so the formatter has little to change.
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      quoteKind: QuoteKind.Single,
      useTrailingCommas: true,
    },
  });
}

function readTouchPoint(plan: Plan, touchPoint: TouchPoint): string {
  const text = plan.tryRead(touchPoint.file);
  if (text === undefined) throw new WiringError(`${touchPoint.file}: touch point file not found`);
  return text;
}

/** A touch point's source file, once its syntax and its anchor are checked. */
function openTouchPoint(project: Project, touchPoint: TouchPoint, text: string): SourceFile {
  const sourceFile = project.createSourceFile(`/${touchPoint.file}`, text);
  assertParsed(touchPoint.file, sourceFile.compilerNode);
  touchPoint.assertAnchor(sourceFile);
  return sourceFile;
}

/** Load every touch point from the plan and check every anchor before anything is edited. */
function openTouchPoints(plan: Plan): TouchPointSources {
  const project = newProject();
  const files = new Map<TouchPoint, SourceFile>();
  const pending = new Map<TouchPoint, Inserts>();
  for (const touchPoint of touchPoints) {
    const text = readTouchPoint(plan, touchPoint);
    const sourceFile = openTouchPoint(project, touchPoint, text);
    keepOutline(touchPoint, text, sourceFile);
    files.set(touchPoint, sourceFile);
    pending.set(touchPoint, []);
  }
  return {
    get: (touchPoint) => files.get(touchPoint)!,
    pending: (touchPoint) => pending.get(touchPoint)!,
    writeBack(target) {
      for (const [touchPoint, sourceFile] of files) {
        const text = textWithInserts(sourceFile, pending.get(touchPoint)!);
        if (text !== target.read(touchPoint.file)) target.write(touchPoint.file, text);
      }
    },
  };
}
