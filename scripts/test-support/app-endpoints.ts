/**
 * Every public endpoint under app/, found by parsing the source with the TypeScript compiler: exports
 * of files that start with "use server" (server actions), functions with an inline "use server"
 * directive (also server actions), and HTTP-method exports of route.ts files (route handlers).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export interface Endpoint {
  kind: "action" | "inline-action" | "route";
  /** Path from the repository root with forward slashes. */
  file: string;
  /** Exported name (or HTTP method); for inline actions the function's name. */
  export: string;
  /** The function's body as written, or undefined for a re-export. */
  body?: string;
  /** Where a re-export comes from. */
  reexportedFrom?: string;
}

export interface Discovery {
  endpoints: Endpoint[];
  /** Things the parser refuses to guess about (e.g. `export *` from a server action file). */
  problems: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : walk(full);
    return /\.(ts|tsx|js|jsx|mjs)$/.test(entry.name) ? [full] : [];
  });
}

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);

function isDirective(statement: ts.Statement | undefined, text: string): boolean {
  return statement !== undefined && ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression) && statement.expression.text === text;
}

/** The leading directive prologue of a file or function body. */
function hasUseServer(statements: ts.NodeArray<ts.Statement>): boolean {
  for (const statement of statements) {
    if (!(ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression))) return false;
    if (isDirective(statement, "use server")) return true;
  }
  return false;
}

type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

function functionBody(fn: FunctionLike, source: ts.SourceFile): string | undefined {
  return fn.body ? fn.body.getText(source) : undefined;
}

function isFunctionLike(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

/** `export const GET = wrapper(async (request) => { ... })`: the handler is the wrapper call's function argument. */
function wrappedHandler(init: ts.Expression): ts.ArrowFunction | ts.FunctionExpression | undefined {
  if (!ts.isCallExpression(init)) return undefined;
  return init.arguments.find(isFunctionLike);
}

/** Exported runtime names of a module, with the function behind each when it is defined here. */
function exportsOf(source: ts.SourceFile, relative: string, problems: string[]): { name: string; fn?: FunctionLike; reexportedFrom?: string }[] {
  const out: { name: string; fn?: FunctionLike; reexportedFrom?: string }[] = [];
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      out.push({ name: hasModifier(statement, ts.SyntaxKind.DefaultKeyword) ? "default" : (statement.name?.text ?? "default"), fn: statement });
    } else if (ts.isVariableStatement(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        const fn = init && (isFunctionLike(init) ? init : wrappedHandler(init));
        if (ts.isIdentifier(declaration.name)) out.push({ name: declaration.name.text, fn });
        else problems.push(`${relative}: destructured export; list its names explicitly`);
      }
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      if (!statement.exportClause) problems.push(`${relative}: \`export *\` hides which endpoints exist; export names explicitly`);
      else if (ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) if (!element.isTypeOnly) out.push({ name: element.name.text, reexportedFrom: from });
      } else problems.push(`${relative}: namespace re-export; export names explicitly`);
    } else if (ts.isExportAssignment(statement)) {
      out.push({ name: "default" });
    }
  }
  return out;
}

/** Functions anywhere in the file whose body starts with "use server". */
function inlineActions(source: ts.SourceFile, relative: string): Endpoint[] {
  const found: Endpoint[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) && node.body && ts.isBlock(node.body) && hasUseServer(node.body.statements)) {
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : `<anonymous at line ${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}>`;
      found.push({ kind: "inline-action", file: relative, export: name, body: functionBody(node, source) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export function discoverEndpoints(dirs: string[] = ["app", "components"]): Discovery {
  const endpoints: Endpoint[] = [];
  const problems: string[] = [];
  for (const dir of dirs) {
    for (const file of walk(path.join(ROOT, dir))) {
      const relative = path.relative(ROOT, file).split(path.sep).join("/");
      const text = readFileSync(file, "utf8");
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, /x$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
      if (hasUseServer(source.statements)) {
        for (const exported of exportsOf(source, relative, problems)) {
          endpoints.push({ kind: "action", file: relative, export: exported.name, body: exported.fn ? functionBody(exported.fn, source) : undefined, reexportedFrom: exported.reexportedFrom });
        }
      } else {
        endpoints.push(...inlineActions(source, relative));
      }
      if (/^route\.(ts|js|mjs)$/.test(path.basename(file))) {
        for (const exported of exportsOf(source, relative, problems)) {
          if (HTTP_METHODS.has(exported.name)) endpoints.push({ kind: "route", file: relative, export: exported.name, body: exported.fn ? functionBody(exported.fn, source) : undefined, reexportedFrom: exported.reexportedFrom });
        }
      }
    }
  }
  return { endpoints, problems };
}

export const endpointKey = (e: { file: string; export: string }) => `${e.file}#${e.export}`;

export function readSource(relative: string): string {
  return readFileSync(path.join(ROOT, relative), "utf8");
}
