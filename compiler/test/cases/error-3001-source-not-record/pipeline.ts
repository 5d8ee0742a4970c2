import { pipeline, kafka, type Int } from "tsflink";

// A source reads records. The type is printed as this file names it, never with the absolute path
// of the module that declares `Int`.

export default pipeline({ name: "counts" }, (p) => {
  p.source(kafka.source<Record<string, Int>>({ topic: "counts" })).to(kafka.sink({ topic: "out" }));
});
