import { pipeline, kafka, type Int } from "tsflink";

interface Click { userId: string; durationMs: Int }

// A stream's `const` names its operator; `$` is a letter to JavaScript but not in an operator id.
export default pipeline({ name: "bad-const" }, (p) => {
  const clicks = p.source(kafka.source<Click>({ topic: "clicks" }));
  const $long = clicks.filter((c) => c.durationMs > 10);
  $long.to(kafka.sink({ topic: "long" }));
});
