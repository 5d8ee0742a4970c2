import { ts } from "ts-morph";

/**
 * How deep a file's syntax may nest. TypeScript's parser and checker, the compiler's translator and
 * what reads the job graph later (`diff` and `upgrade`'s schema validator, the harness's JSON
 * parser) recurse once per level: past a few hundred levels they exhaust the stack (~520 nested
 * calls for the checker, ~1,000 parentheses for the parser, a chain of 380 `?:` branches for the
 * schema validator). Refusing deeper code before any of them runs, with a location, keeps every one
 * of them from crashing.
 */
export const MAX_NESTING = 256;

/** An expression too deep to compile: the outermost node of the chain and how deep it goes. */
export interface TooDeep {
  readonly start: number;
  readonly width: number;
  /** The level of its deepest node; undefined when only the text's brackets were counted. */
  readonly depth: number | undefined;
}

/**
 * Every expression that nests deeper than {@link MAX_NESTING}, one finding per chain, measured
 * without recursion. Levels count syntax nodes from the top of the file: statements inside
 * functions nest too, and nothing that recurses over the code resets there. An `else` chain
 * `a ? x : b ? y : …` counts a level per branch as well: the job graph nests that deep.
 */
export function findTooDeep(sourceFile: ts.SourceFile): TooDeep[] {
  const found = new Map<ts.Node, TooDeep>();
  const stack: [ts.Node, number][] = [[sourceFile, 0]];
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    if (level > MAX_NESTING) {
      const start = chainStart(node);
      if (!found.has(start)) found.set(start, { start: start.getStart(sourceFile), width: start.getWidth(sourceFile), depth: deepest(start) });
      continue;
    }
    node.forEachChild((child) => void stack.push([child, level + 1]));
  }
  return [...found.values()].sort((a, b) => a.start - b.start);
}

/** The level of `root`'s deepest descendant, counted from the top of the file as the limit is. */
function deepest(root: ts.Node): number {
  let level = 0;
  for (let n = root; n.parent; n = n.parent) level++;
  let max = level;
  const stack: [ts.Node, number][] = [[root, level]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    node.forEachChild((child) => void stack.push([child, depth + 1]));
  }
  return max;
}

/**
 * The outermost node of the chain of expressions a too-deep node belongs to: its ancestors while
 * they are expressions, stopping below a function passed to a stream operation (`.filter((o) =>
 * …)`, whose body is the user's expression) and below anything that is not an expression (a
 * statement, a property assignment).
 */
function chainStart(node: ts.Node): ts.Node {
  let current = node;
  while (current.parent && ts.isExpression(current.parent) && !isOperationArgument(current.parent)) current = current.parent;
  return current;
}

/** A function that is an argument of a call in the method chain a statement is made of. */
function isOperationArgument(node: ts.Node): boolean {
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return false;
  let link: ts.Node = node.parent;
  if (!ts.isCallExpression(link) || !link.arguments.includes(node as ts.Expression)) return false;
  for (;;) {
    const parent: ts.Node = link.parent;
    const continues =
      ((ts.isPropertyAccessExpression(parent) || ts.isCallExpression(parent) || ts.isNonNullExpression(parent)) && parent.expression === link) ||
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSatisfiesExpression(parent);
    if (!continues) return !ts.isExpression(parent);
    link = parent;
  }
}

/**
 * Where the nesting is when TypeScript's parser itself overflowed and there is no syntax tree:
 * the brackets and `?` of the text, counted by TypeScript's scanner, which does not recurse. The
 * chain reported starts after the last `{`, `,`, `;` or `:` that separates it from its
 * surroundings; when no bracket nests deeper than {@link MAX_NESTING}, at the file's start.
 */
export function findTooDeepInText(text: string): TooDeep[] {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, ts.LanguageVariant.Standard, text);
  // A `?` stays open through its `:` (an `else` chain nests a level per branch, as in the tree)
  // until the bracket, `,` or `;` that ends the expression.
  type Open = { pos: number; kind: ts.SyntaxKind; separated: boolean; answered: boolean };
  const open: Open[] = [];
  const found: TooDeep[] = [];
  const isQuestion = (o: Open | undefined) => o?.kind === ts.SyntaxKind.QuestionToken;
  const closeQuestions = () => {
    while (isQuestion(open[open.length - 1])) open.pop();
  };
  let reportedBelow = -1;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    let top = open[open.length - 1];
    if (token === ts.SyntaxKind.CloseBraceToken && top?.kind === ts.SyntaxKind.TemplateHead) {
      if (scanner.reScanTemplateToken(false) === ts.SyntaxKind.TemplateTail) open.pop();
      continue;
    }
    switch (token) {
      case ts.SyntaxKind.OpenParenToken:
      case ts.SyntaxKind.OpenBracketToken:
      case ts.SyntaxKind.OpenBraceToken:
      case ts.SyntaxKind.TemplateHead:
      case ts.SyntaxKind.QuestionToken:
        open.push({ pos: scanner.getTokenStart(), kind: token, separated: token === ts.SyntaxKind.OpenBraceToken, answered: false });
        break;
      case ts.SyntaxKind.CloseParenToken:
      case ts.SyntaxKind.CloseBracketToken:
      case ts.SyntaxKind.CloseBraceToken:
        closeQuestions();
        open.pop();
        break;
      case ts.SyntaxKind.ColonToken:
        while (isQuestion(top) && top!.answered) {
          open.pop();
          top = open[open.length - 1];
        }
        if (isQuestion(top)) top!.answered = true;
        else if (top) top.separated = true;
        break;
      case ts.SyntaxKind.CommaToken:
      case ts.SyntaxKind.SemicolonToken:
        closeQuestions();
        if (open.length > 0) open[open.length - 1]!.separated = true;
        break;
    }
    if (open.length <= reportedBelow) reportedBelow = -1;
    if (open.length > MAX_NESTING && reportedBelow < 0) {
      let first = open.length - 1;
      while (first > 0 && !open[first - 1]!.separated) first--;
      found.push({ start: open[first]!.pos, width: 1, depth: undefined });
      reportedBelow = first;
    }
  }
  return found.length > 0 ? found : [{ start: 0, width: 1, depth: undefined }];
}
