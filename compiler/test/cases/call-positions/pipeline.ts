import { pipeline, kafka } from "tsflink";

// The optional position arguments of includes/startsWith/endsWith and of an array's
// includes/indexOf, as JavaScript reads them (negative, fractional, beyond the end).
interface Word {
  id: string;
  text: string;
  tags: string[];
  from: number;
}

export const words = kafka.source<Word>({ topic: "words", format: "json", startFrom: "earliest" });

export default pipeline({ name: "call-positions", parallelism: 1, checkpoint: { interval: "5s" } }, (p) => {
  p.source(words)
    .map((w) => ({
      id: w.id,
      includesFrom: w.text.includes("ab", w.from),
      startsAt: w.text.startsWith("ab", w.from),
      endsBefore: w.text.endsWith("ab", w.from),
      tagFrom: w.tags.includes("x", w.from),
      tagIndexFrom: w.tags.indexOf("x", w.from),
    }))
    .to(kafka.sink({ topic: "positions", format: "json" }));
});
