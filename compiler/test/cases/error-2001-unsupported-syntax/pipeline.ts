import { pipeline, kafka, type Int, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  url: string;
  durationMs: Int;
  at: Timestamp;
  referrer?: string;
}

export default pipeline({ name: "clicks" }, (p) => {
  p.source(kafka.source<Click>({ topic: "clicks" }))
    .filter((c) => c.url == "/home")
    .map((c) => ({ url: c.url, kind: typeof c.referrer, shifted: c.durationMs << 2, parts: [...c.url.split("/")] }))
    .to(kafka.sink({ topic: "out" }));
  // Names JavaScript allows but the job graph's identifiers (ASCII letters, digits, _) do not.
  p.source(kafka.source<Click>({ topic: "clicks.names" }))
    .map(($c) => {
      const π = 3.14;
      return { url: $c.url, parts: $c.url.split("/").map((é) => é.length * π) };
    })
    .to(kafka.sink({ topic: "out.names" }));
});
