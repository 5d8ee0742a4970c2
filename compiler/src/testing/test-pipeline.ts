import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { KafkaSource, KafkaSourceOptions } from "../../../connectors/kafka/kafka-options.js";
import { PIPELINE_FILE, type PipelineDefinition } from "../api/pipeline.js";
import { compilePipeline } from "../compile.js";
import { ensureTestKitClasspath, TEST_KIT_ENTRY_CLASS } from "../flink/harness-jar.js";
import type { GraphNodeKind, JobGraph, KafkaSourceNode } from "../ir/graph-nodes.js";

/**
 * A record that could not be processed: a source's value that did not decode, or a record an
 * operator's function failed on (what the pipeline's `deadLetter` would receive).
 */
export interface DeadLetter {
  /** The node's id: the source, or the operator. */
  readonly node: string;
  /** The node's kind: `kafka-source`, `map`, `reduce`, `window-join`… */
  readonly operator: GraphNodeKind;
  /** `file:line:col` of the node in the pipeline's source. */
  readonly location: string;
  /** Why, with the path of the expression that failed (`fn.body.fields[1].value: …`). */
  readonly reason: string;
  /** The dead letter's Kafka value: a source's bytes as given, or the JSON of `record`. */
  readonly value: Buffer;
  /**
   * What an operator failed on: its input record; for a join's function the pair
   * `{ left, right }`; for an `onTimer`, `{ key, timer }`. Absent for a source's dead letter.
   */
  readonly record?: Record<string, unknown>;
}

/** One dead letter in `TestKitMain`'s output. */
interface DeadLetterOutput {
  readonly node: string;
  readonly operator: GraphNodeKind;
  readonly location: string;
  readonly reason: string;
  readonly valueBase64: string;
  readonly record?: Record<string, unknown>;
}

/**
 * A record of type T as a test writes it: `Int`, `Long` and `Timestamp` fields are plain numbers
 * (their brands exist for the type checker only; the record travels as JSON either way).
 */
export type TestRecord<T> = T extends number
  ? number
  : T extends readonly (infer E)[]
    ? TestRecord<E>[]
    : T extends object
      ? { [K in keyof T]: TestRecord<T[K]> }
      : T;

/** What `input` takes for a source: a definition's record type, or any object for a source named by a string. */
type InputRecord<S> = S extends KafkaSource<infer T> ? TestRecord<T> : object;

/** A source as a test names it: its node id or topic, or the `kafka.source(…)` definition the pipeline reads. */
type SourceName = string | KafkaSource<never>;

/** One input of a source, in the order given: a typed record, or a value in the source's format. */
type Input = { readonly record: object } | { readonly valueBase64: string };

/**
 * One sink's entry in `TestKitMain`'s output: what it writes to (a Kafka topic, a PostgreSQL
 * table, a MongoDB collection; a Redis sink has only its id) and the records it received.
 */
interface SinkOutput {
  readonly topic?: string;
  readonly table?: string;
  readonly collection?: string;
  readonly records: Record<string, unknown>[];
}

/** `TestKitMain`'s output document (runtime-java/harness/…/testkit/TestKitMain.java). */
interface TestKitOutput {
  readonly sinks: Record<string, SinkOutput>;
  /** What each stream that no node reads emitted (the compiler warns of them, TSF1012). */
  readonly streams: Record<string, Record<string, unknown>[]>;
  /** Node by node in graph order; a source's in input order, an operator's in the order it met them. */
  readonly deadLetters: readonly DeadLetterOutput[];
}

/**
 * Starts a test of a pipeline: the value its module exports, or the path of its `.ts` file. Add
 * inputs with `input`/`inputRaw`, then `run()`.
 */
export function testPipeline(pipeline: PipelineDefinition | string): PipelineTest {
  return new PipelineTest(pipelineFile(pipeline), new Map());
}

function pipelineFile(pipeline: PipelineDefinition | string): string {
  if (typeof pipeline === "string") return path.resolve(pipeline);
  const file = (pipeline as unknown as Record<symbol, unknown>)[PIPELINE_FILE];
  if (typeof file !== "string") {
    throw new Error(`testPipeline: cannot tell which file defined pipeline '${pipeline.config.name}'; pass the path of its .ts file instead`);
  }
  return sourceOf(file);
}

/** `<root>/dist/x/y.js` → `<root>/x/y.ts` when that exists: compiled output ran, the source compiles. */
function sourceOf(file: string): string {
  const dist = /^(.*)[\\/]dist[\\/](.*)\.js$/.exec(file);
  const source = dist ? path.join(dist[1] ?? "", `${dist[2] ?? ""}.ts`) : undefined;
  return source !== undefined && fs.existsSync(source) ? source : file;
}

/** An immutable test: every call returns a new one. */
export class PipelineTest {
  constructor(
    private readonly file: string,
    /** By source as given; one node's inputs may come under several names, merged in run(). */
    private readonly inputs: ReadonlyMap<SourceName, readonly Input[]>,
  ) {}

  /**
   * Records for a source: the `kafka.source<T>(…)` definition the pipeline reads (a module-level
   * `const`), whose `T` types the records (as {@link TestRecord}s); or its node id (the `const` it is assigned to, or its
   * `name` option) or topic, which takes any objects. They are decoded by the production JSON rules
   * of the source's type whatever its format, so a record of the wrong shape given by name becomes
   * a dead letter as it would in Kafka. Timestamps are epoch milliseconds.
   */
  input<S extends SourceName>(source: S, records: readonly NoInfer<InputRecord<S>>[]): PipelineTest {
    return this.adding(source, records.map((record) => ({ record })));
  }

  /** Values for a source as they would arrive from Kafka, decoded with the source's own format. */
  inputRaw(source: SourceName, values: readonly Uint8Array[]): PipelineTest {
    return this.adding(source, values.map((value) => ({ valueBase64: Buffer.from(value).toString("base64") })));
  }

  private adding(source: SourceName, added: readonly Input[]): PipelineTest {
    const inputs = new Map(this.inputs);
    inputs.set(source, [...(inputs.get(source) ?? []), ...added]);
    return new PipelineTest(this.file, inputs);
  }

  /**
   * Compiles the pipeline and runs its job graph to the end of the inputs on a Flink MiniCluster
   * (one JVM, one slot, so every sink receives records in input order). Rejects with the
   * compiler's diagnostics when the pipeline does not compile, and with the JVM's output when the
   * job fails.
   */
  async run(): Promise<PipelineTestResult> {
    const compiled = compilePipeline(this.file);
    if (!compiled.graph || !compiled.json) {
      throw new Error(`pipeline ${path.relative(process.cwd(), this.file)} does not compile:\n${compiled.report}`);
    }
    const graph = compiled.graph;
    const bySource: Record<string, readonly Input[]> = {};
    for (const [source, inputs] of this.inputs) {
      const id = sourceId(graph, source);
      bySource[id] = [...(bySource[id] ?? []), ...inputs];
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsflink-test-"));
    try {
      const files = { graph: path.join(dir, "graph.json"), inputs: path.join(dir, "inputs.json"), output: path.join(dir, "output.json") };
      fs.writeFileSync(files.graph, compiled.json);
      fs.writeFileSync(files.inputs, JSON.stringify({ inputs: bySource }));
      await runJava(["-Xmx768m", "-cp", ensureTestKitClasspath(), TEST_KIT_ENTRY_CLASS,
        "--graph", files.graph, "--inputs", files.inputs, "--output", files.output]);
      return new PipelineTestResult(graph, JSON.parse(fs.readFileSync(files.output, "utf8")) as TestKitOutput);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** What one run produced. */
export class PipelineTestResult {
  constructor(
    private readonly graph: JobGraph,
    private readonly output: TestKitOutput,
  ) {}

  /**
   * The records a sink received, in arrival order; the sink named by its node id, or by the
   * Kafka topic, PostgreSQL table or MongoDB collection it writes. A Redis sink is named by its id.
   */
  sink(name: string): Record<string, unknown>[] {
    const sinks = Object.entries(this.output.sinks);
    const byId = sinks.find(([id]) => id === name);
    const byTarget = sinks.filter(([, sink]) => target(sink) === name);
    const found = byId ?? (byTarget.length === 1 ? byTarget[0] : undefined);
    if (!found) {
      const known = sinks.map(([id, sink]) => (target(sink) === undefined ? id : `${id} (${describeTarget(sink)})`)).join(", ");
      throw new Error(byTarget.length > 1
        ? `several sinks write '${name}'; name one by its id: ${known}`
        : `no sink '${name}' in pipeline '${this.graph.job.name}'; its sinks are ${known}`);
    }
    return found[1].records;
  }

  /**
   * The records of a stream that no node reads, by its node id (the name in the compiler's
   * TSF1012 warning): on a cluster the job computes them and drops them.
   */
  stream(id: string): Record<string, unknown>[] {
    const records = this.output.streams[id];
    if (!records) {
      const unread = Object.keys(this.output.streams);
      throw new Error(`no unread stream '${id}' in pipeline '${this.graph.job.name}'; ${unread.length === 0
        ? "every stream is written to a sink: read them with result.sink(…)"
        : `its unread streams are ${unread.join(", ")}`}`);
    }
    return records;
  }

  /**
   * Every record that could not be processed, whether or not the pipeline declares a `deadLetter`:
   * node by node in graph order, a source's values that did not decode in input order, then the
   * records each operator failed on in the order it met them. Given a node — a source by
   * definition, node id or topic, or an operator by node id — only that node's.
   */
  deadLetters(node?: SourceName): DeadLetter[] {
    const id = node === undefined ? undefined : nodeId(this.graph, node);
    return this.output.deadLetters
      .filter((letter) => id === undefined || letter.node === id)
      .map(({ valueBase64, record, ...letter }) => ({
        ...letter,
        value: Buffer.from(valueBase64, "base64"),
        ...(record === undefined ? {} : { record }),
      }));
  }
}

function target(sink: SinkOutput): string | undefined {
  return sink.topic ?? sink.table ?? sink.collection;
}

function describeTarget(sink: SinkOutput): string {
  if (sink.topic !== undefined) return `topic ${sink.topic}`;
  return sink.table !== undefined ? `table ${sink.table}` : `collection ${sink.collection}`;
}

/** A node's id: an operator's or a source's id, or a source's definition or topic. */
function nodeId(graph: JobGraph, node: SourceName): string {
  if (typeof node === "string" && graph.nodes.some((n) => n.id === node)) return node;
  return sourceId(graph, node);
}

/** A source's node id from its definition, id or topic; refuses sources that match none or several. */
function sourceId(graph: JobGraph, source: SourceName): string {
  const sources = graph.nodes.filter((node): node is KafkaSourceNode => node.kind === "kafka-source");
  const known = sources.map((node) => `${node.id} (topic ${node.topic})`).join(", ");
  if (typeof source !== "string") return definedSourceId(graph, source, sources, known);
  if (sources.some((node) => node.id === source)) return source;
  const byTopic = sources.filter((node) => node.topic === source);
  if (byTopic.length === 1 && byTopic[0]) return byTopic[0].id;
  throw new Error(byTopic.length > 1
    ? `several sources read topic '${source}'; name one by its id: ${known}`
    : `no source '${source}' in pipeline '${graph.job.name}'; its sources are ${known}`);
}

/**
 * The node a definition made: the one reading its topic, and with a `name` option the one with that
 * id (the option is the node's id). Without a name, a topic read by several sources is ambiguous.
 */
function definedSourceId(graph: JobGraph, definition: KafkaSource<never>, sources: readonly KafkaSourceNode[], known: string): string {
  const { topic, name } = definition.options as KafkaSourceOptions<never>;
  const matching = sources.filter((node) => node.topic === topic && (name === undefined || node.id === name));
  if (matching.length === 1 && matching[0]) return matching[0].id;
  const described = `kafka.source({ topic: ${JSON.stringify(topic)}${name === undefined ? "" : `, name: ${JSON.stringify(name)}`} })`;
  throw new Error(matching.length > 1
    ? `${described} matches sources ${matching.map((node) => node.id).join(", ")} of pipeline '${graph.job.name}'; give the definition a \`name\` option, or name the source by its id. Its sources are ${known}`
    : `no source of pipeline '${graph.job.name}' reads ${described}; its sources are ${known}`);
}

/** Runs `java` to its end; if Node exits first (a test runner giving up), the JVM goes with it. */
function runJava(args: readonly string[]): Promise<void> {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin", "java") : "java";
  return new Promise((resolve, reject) => {
    const child = spawn(java, args, { stdio: ["ignore", "pipe", "pipe"] });
    const kill = (): void => {
      child.kill("SIGKILL");
    };
    process.once("exit", kill);
    let output = "";
    const keep = (chunk: Buffer): void => {
      // Only the end matters for a failure report; Flink's startup lines are long.
      output = (output + chunk.toString("utf8")).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      process.removeListener("exit", kill);
      if (code === 0) resolve();
      else reject(new Error(`the test job failed (java exit ${code ?? signal}):\n${output}`));
    });
  });
}
