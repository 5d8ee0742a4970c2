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
  DUPLICATE_NAME: { code: 1007, template: "The operator name '{0}' is already used at {1}. {2}" },
  EVENT_TIME_FIELD: { code: 1008, template: "The event-time field '{0}' {1}. Use a field of type Timestamp, Long or Int." },
  INVALID_JOB_NAME: { code: 1009, template: "The pipeline name '{0}' is not valid. Use lowercase letters, digits and dashes, starting with a letter or digit, e.g. \"orders-analytics\"." },
  NOT_A_STREAM: { code: 1010, template: "'{0}' is not a stream of this pipeline. Streams come from `p.source(...)` or from operations on another stream." },
  UNKNOWN_CONNECTOR: { code: 1011, template: "{0} must be a call to a tsflink connector such as `kafka.{1}({ … })`." },
  UNWRITTEN_STREAM: { code: 1012, category: "warning", template: "Nothing reads the records of '{0}': the job computes them (keyed state included) and drops them. Write them with `.to(…)`; a test reads them with `result.stream(\"{0}\")`." },
  SOURCE_DEFINITION: { code: 1013, template: "'{0}' is not a source definition: {1}. Pass `kafka.source<T>({ … })`, or the name of a module-level `const` initialised by it." },
  NO_SOURCE: { code: 1014, template: "This pipeline reads no source, so the job would have nothing to run. Read one: `const orders = p.source(kafka.source<Order>({ topic: \"orders\" }))`." },
  NEEDS_CHECKPOINTS: { code: 1015, template: "{0} writes exactly-once, which commits its writes when a checkpoint completes, but `checkpoint: { interval: \"0s\" }` at {1} turns checkpoints off. Checkpoint at an interval of at least 10ms, or give it `guarantee: \"at-least-once\"`." },
  INVALID_NAME: { code: 1016, template: "'{0}' is not a valid {1}. {2}" },
  // 2xxx: user functions
  UNSUPPORTED_SYNTAX: { code: 2001, template: "{0} is not supported in a pipeline function. {1}" },
  UNKNOWN_CALL: { code: 2002, template: "'{0}' is not a function a pipeline can call. Supported here: {1}." },
  NOT_IN_SCOPE: { code: 2003, template: "'{0}' is not available inside a pipeline function: only its parameters and module-level `const` values with literal values are. {1}" },
  NON_DETERMINISTIC: { code: 2004, template: "{0} is not allowed in a pipeline function: the result would differ between runs and replays. {1}" },
  FUNCTION_SHAPE: { code: 2005, template: "{0}" },
  REGEXP_PATTERN: { code: 2006, template: "'{0}' with a regular expression is not supported in a pipeline function. Use a string pattern: `s.{0}(\"-\", \" \")` replaces text exactly." },
  IO: { code: 2007, template: "{0} does input or output, which a pipeline function cannot: it runs once per record on the cluster. {1}" },
  ASYNC: { code: 2008, template: "{0} is not supported in a pipeline function: functions run synchronously, once per record. Compute the result from the record's fields." },
  THIS: { code: 2009, template: "`this` is not available in a pipeline function. Read values from the function's parameters, or from a module-level `const`." },
  MUTABLE_CLOSURE: { code: 2010, template: "'{0}' is a mutable variable declared outside this function; a compiled function cannot see its changes. Declare it with `const` and a literal value, or keep per-key values in `keyBy(…).process({ state })`." },
  LOOP: { code: 2011, template: "A `{0}` loop is not supported in a pipeline function. Use array methods: `xs.map(…)`, `xs.filter(…)`, `xs.some(…)`, `xs.every(…)`, `xs.reduce((acc, x) => …, initial)`." },
  CLASS: { code: 2012, template: "{0} is not supported in a pipeline function. Records are plain objects: build them with object literals `({ field: value })` and declare their types with interfaces." },
  MISSING_RETURN: { code: 2013, template: "This function does not return a value on every path. End every branch with `return …`." },
  FUNCTION_STATEMENT: { code: 2014, template: "{0} is not supported in a pipeline function body. {1}" },
  PROCESS_HANDLER: { code: 2015, template: "{0} Inside `onElement`/`onTimer` use: `s.name` and `s.name = …` for value states, `s.name.get/has/set/delete/clear` for map states, `out.emit(record)`, `ctx.key`, `ctx.timestamp`, `ctx.timer(at)`." },
  EMIT_TYPE: { code: 2016, template: "{0} Annotate the output (`out: Out<Alert>`) and emit records of that type." },
  INHERITED_MAP_KEY: { code: 2017, template: "`{0}` could read a name every JavaScript object inherits (`constructor`, `toString`, …): JavaScript then gives that inherited function, which no field type holds. Read own entries only: `{1}`." },
  TOO_DEEP: { code: 2018, template: "This expression nests {0} levels deep, counted from the top of the file; the compiler handles at most {1} (TypeScript's checker, the translator and the job graph's readers recurse once per level). Split it into `const`s: `const a = …;` then use `a` in the next one." },
  CAST: { code: 2019, template: "`{0}` {1}. {2}" },
  // 21xx: time and numbers
  NO_EVENT_TIME: { code: 2101, template: "{0} needs event time, but the stream has none. Give its source `eventTime: { field: \"…\" }`{1}." },
  NULL_AND_UNDEFINED: { code: 2102, template: "The type '{0}' of {1} allows both null and undefined, which the job graph cannot tell apart. Use one: `x?: T` (absent) or `x: T | null`; in an expression, `?? null` turns undefined into null." },
  CONSTANT_OUT_OF_RANGE: { code: 2103, template: "The constant {0} is outside the range of {1} ({2}). Use a smaller value, or a wider type (Long, or number for a double)." },
  LONG_PRECISION: { code: 2104, category: "warning", template: "{0} on Long values is computed on doubles, as in JavaScript: results beyond 2^53 (9007199254740992) lose precision. Keep Long arithmetic within that range." },
  // 3xxx: types
  NO_AVRO_TYPE: { code: 3001, template: "The type '{0}' of {1} has no Avro equivalent. {2}" },
  ANY_TYPE: { code: 3002, template: "{0} has type 'any'. Give it a precise type: string, number, Int, Long, boolean, Timestamp, a string-literal union, an array or a record." },
  KEY_TYPE: { code: 3003, template: "A {0} has type '{1}'; use {2}." },
  ENUM_SYMBOL: { code: 3004, template: "The member {0} of the string-literal union '{1}' of {2} is not an Avro enum symbol, which is a letter or _ followed by letters, digits and _. Use members of that form{3}, or the type `string`." },
  // 4xxx: database sinks
  SINK_KEY_FIELD: { code: 4001, template: "The sink key '{0}' {1}. Use required fields of the record of type string, Int, Long, boolean, Timestamp or a string-literal union: {2}." },
  SINK_IDENTIFIER: { code: 4002, template: "'{0}' is not a valid {1} name. {2}" },
  REDIS_VALUE_KIND: { code: 4003, template: "A Redis sink writes one kind of value; {0}. Give exactly one of `value: (r) => …`, `hash: (r) => ({ … })` or `sortedSet: { member, score }`." },
  // 9xxx: the compiler and the harness disagree (a tsflink bug, never the pipeline's)
  HARNESS_REFUSAL: { code: 9001, template: "The harness would refuse this job although the compiler accepted it: {0}. This is a bug in tsflink, not in the pipeline; please report it with this file." },
} as const satisfies Record<string, { code: number; template: string; category?: "warning" }>;

export type DiagnosticId = keyof typeof DIAGNOSTICS;

export function formatCode(code: number): string {
  return `TSF${code}`;
}

export function renderTemplate(id: DiagnosticId, args: readonly string[]): string {
  return DIAGNOSTICS[id].template.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? "");
}
