import { Node, SyntaxKind, type ElementAccessExpression, type Expression } from "ts-morph";

/** The names every JavaScript object has through `Object.prototype`. */
export const OBJECT_PROTOTYPE_KEYS: readonly string[] = [
  "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__", "__proto__", "constructor",
  "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString", "valueOf",
];
const INHERITED = new Set(OBJECT_PROTOTYPE_KEYS);

/**
 * Whether `m[k]` on a `Record<string, T>` map can only find an own entry in JavaScript, as the
 * job graph's `index` does. A plain object also answers `m["constructor"]` with what it inherits
 * from `Object.prototype`, a function no Avro type holds, so the compiler accepts the read only
 * where that cannot happen:
 * - every string the key's type allows is a literal that is not an inherited name
 *   (`m["clicks"]`, `m[o.status]` for a union of literals);
 * - the read is guarded by `Object.hasOwn(m, k)` on the same map and key: in the true branch of
 *   `?:`, `if` or the right of `&&`, or after `if (!Object.hasOwn(m, k)) return …;`.
 */
export function isOwnEntryRead(access: ElementAccessExpression): boolean {
  const key = access.getArgumentExpression();
  if (!key) return false;
  if (keyIsNeverInherited(key)) return true;
  const guard = { map: access.getExpression(), key };
  for (let child: Node = access, parent = access.getParent(); parent; child = parent, parent = parent.getParent()) {
    if (Node.isConditionalExpression(parent) && child === parent.getWhenTrue() && impliesOwn(parent.getCondition(), guard)) return true;
    if (Node.isIfStatement(parent) && child === parent.getThenStatement() && impliesOwn(parent.getExpression(), guard)) return true;
    if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() === SyntaxKind.AmpersandAmpersandToken
      && child === parent.getRight() && impliesOwn(parent.getLeft(), guard)) return true;
    if (Node.isBlock(parent) && earlierExitUnlessOwn(parent.getStatements(), child, guard)) return true;
    if (Node.isSourceFile(parent)) return false;
  }
  return false;
}

interface Guard {
  readonly map: Expression;
  readonly key: Expression;
}

function keyIsNeverInherited(key: Expression): boolean {
  const type = key.getType();
  const options = type.isUnion() ? type.getUnionTypes() : [type];
  return options.every((t) => t.isStringLiteral() && !INHERITED.has(String(t.getLiteralValue())));
}

/** `Object.hasOwn(map, key)`, or a `&&` chain with it as one operand, in parentheses or not. */
function impliesOwn(condition: Node, guard: Guard): boolean {
  const inner = unparenthesized(condition);
  if (Node.isBinaryExpression(inner) && inner.getOperatorToken().getKind() === SyntaxKind.AmpersandAmpersandToken) {
    return impliesOwn(inner.getLeft(), guard) || impliesOwn(inner.getRight(), guard);
  }
  if (!Node.isCallExpression(inner)) return false;
  const callee = inner.getExpression();
  const args = inner.getArguments();
  return Node.isPropertyAccessExpression(callee) && callee.getExpression().getText() === "Object" && callee.getName() === "hasOwn"
    && args.length === 2 && sameReference(args[0]!, guard.map) && sameReference(args[1]!, guard.key);
}

/** A statement before `child` in the block: `if (!Object.hasOwn(m, k)) return …;` (or `{ …; return …; }`). */
function earlierExitUnlessOwn(statements: readonly Node[], child: Node, guard: Guard): boolean {
  const at = statements.indexOf(child);
  return statements.slice(0, Math.max(at, 0)).some((s) => {
    if (!Node.isIfStatement(s) || s.getElseStatement()) return false;
    const condition = unparenthesized(s.getExpression());
    const negated = Node.isPrefixUnaryExpression(condition) && condition.getOperatorToken() === SyntaxKind.ExclamationToken;
    return negated && impliesOwn(condition.getOperand(), guard) && alwaysReturns(s.getThenStatement());
  });
}

function alwaysReturns(statement: Node): boolean {
  if (Node.isReturnStatement(statement)) return true;
  if (!Node.isBlock(statement)) return false;
  const last = statement.getStatements().at(-1);
  return last !== undefined && Node.isReturnStatement(last);
}

/** The same binding (by the checker's symbol) or the same field path on it, or the same string literal. */
function sameReference(a: Node, b: Node): boolean {
  const x = unparenthesized(a);
  const y = unparenthesized(b);
  if (Node.isIdentifier(x) && Node.isIdentifier(y)) {
    const symbol = x.getSymbol()?.compilerSymbol;
    return symbol !== undefined && symbol === y.getSymbol()?.compilerSymbol;
  }
  if (Node.isPropertyAccessExpression(x) && Node.isPropertyAccessExpression(y)) {
    return x.getName() === y.getName() && sameReference(x.getExpression(), y.getExpression());
  }
  if (Node.isStringLiteral(x) && Node.isStringLiteral(y)) return x.getLiteralValue() === y.getLiteralValue();
  return false;
}

function unparenthesized(node: Node): Node {
  return Node.isParenthesizedExpression(node) ? unparenthesized(node.getExpression()) : node;
}
