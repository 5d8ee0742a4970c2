/**
 * Every refusal the compiler can make, as data. Templates use `{0}`, `{1}`… placeholders; the
 * text after "Use" / "Write" is the suggestion the user acts on. Codes never change meaning once
 * released: retire a code rather than reuse it.
 */
export const DIAGNOSTICS = {
  // 1xxx: the pipeline's structure
  NO_PIPELINE: { code: 1001, template: "No pipeline found in this file. Export one: `export default pipeline({ name: \"…\" }, (p) => { … })`." },
  NOT_STATIC: { code: 1002, template: "{0} must be known at compile time. Use a literal or a module-level `const` with a literal value." },
  UNSUPPORTED_STATEMENT: { code: 1003, template: "A pipeline body may only declare streams with `const` and write them with `.to(...)`; found {0}." },
  UNKNOWN_STREAM_CALL: { code: 1004, template: "'{0}' is not an operation of a stream. Use one of: {1}." },
  INVALID_DURATION: { code: 1005, template: "'{0}' is not a duration. Write a number followed by ms, s, m, h or d, e.g. \"10s\"." },
  INVALID_OPTION: { code: 1006, template: "{0}" },
  DUPLICATE_NAME: { code: 1007, template: "The operator name '{0}' is already used at {1}. Give one of them a distinct `name` option or bind it to another `const`." },
  EVENT_TIME_FIELD: { code: 1008, template: "The event-time field '{0}' {1}. Use a field of type Timestamp, Long or Int." },
  INVALID_JOB_NAME: { code: 1009, template: "The pipeline name '{0}' is not valid. Use lowercase letters, digits and dashes, starting with a letter or digit, e.g. \"orders-analytics\"." },
  NOT_A_STREAM: { code: 1010, template: "'{0}' is not a stream of this pipeline. Streams come from `p.source(...)` or from operations on another stream." },
  UNKNOWN_CONNECTOR: { code: 1011, template: "{0} must be a call to a tsflink connector such as `kafka.{1}({ … })`." },
  // 2xxx: user functions
  UNSUPPORTED_SYNTAX: { code: 2001, template: "{0} is not supported in a pipeline function. {1}" },
  UNKNOWN_CALL: { code: 2002, template: "'{0}' is not a function a pipeline can call. Supported here: {1}." },
  NOT_IN_SCOPE: { code: 2003, template: "'{0}' is not available inside a pipeline function: only its parameters and module-level `const` values with literal values are. {1}" },
  NON_DETERMINISTIC: { code: 2004, template: "{0} is not allowed in a pipeline function: the result would differ between runs and replays. {1}" },
  FUNCTION_SHAPE: { code: 2005, template: "{0}" },
  REGEXP_PATTERN: { code: 2006, template: "'{0}' with a regular expression is not supported in a pipeline function. Use a string pattern: `s.{0}(\"-\", \" \")` replaces text exactly." },
  // 3xxx: types
  NO_AVRO_TYPE: { code: 3001, template: "The type '{0}' of {1} has no Avro equivalent. {2}" },
  ANY_TYPE: { code: 3002, template: "{0} has type 'any'. Give it a precise type: string, number, Int, Long, boolean, Timestamp, a string-literal union, an array or a record." },
  // 4xxx: database sinks
  SINK_KEY_FIELD: { code: 4001, template: "The sink key '{0}' {1}. Use required fields of the record of type string, Int, Long, boolean, Timestamp or a string-literal union: {2}." },
  SINK_IDENTIFIER: { code: 4002, template: "'{0}' is not a valid {1} name. {2}" },
  REDIS_VALUE_KIND: { code: 4003, template: "A Redis sink writes one kind of value; {0}. Give exactly one of `value: (r) => …`, `hash: (r) => ({ … })` or `sortedSet: { member, score }`." },
} as const satisfies Record<string, { code: number; template: string }>;

export type DiagnosticId = keyof typeof DIAGNOSTICS;

export function formatCode(code: number): string {
  return `TSF${code}`;
}

export function renderTemplate(id: DiagnosticId, args: readonly string[]): string {
  return DIAGNOSTICS[id].template.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? "");
}
