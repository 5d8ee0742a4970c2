// What `import … from "tsflink/testing"` gives: run a pipeline on a local Flink MiniCluster with
// in-memory inputs and read what its sinks received.
export { testPipeline, PipelineTest, PipelineTestResult, type DeadLetter, type TestRecord } from "./test-pipeline.js";
