import { pipeline, kafka } from "tsflink";

// A string-literal union is an Avro enum, whose symbols must be names: a letter or _, then
// letters, digits and _. Unions with other members are refused at the type's use.

interface Task {
  id: string;
  state: "in-progress" | "done";
  mark: "" | "x";
  accent: "é" | "e";
  place: "1st" | "2nd";
  kind: "ok" | "not_ok";
}

export default pipeline({ name: "tasks" }, (p) => {
  p.source(kafka.source<Task>({ topic: "tasks" })).to(kafka.sink({ topic: "tasks.out" }));
});
