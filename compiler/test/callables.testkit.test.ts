import { describe, expect, it } from "vitest";
import { testPipeline } from "tsflink/testing";
import positions, { words } from "./cases/call-positions/pipeline.js";

const text = ["abcab", "xxab", "", "ab"];
const tags = [["x", "y", "x"], [], ["y"], ["x"]];
const froms = [-10, -1, 0, 1.9, 2, 3, 100];
const records = text.flatMap((t, i) => froms.map((from, j) => ({ id: `${i}.${j}`, text: t, tags: tags[i]!, from })));

describe("optional position arguments of the catalogue's methods", () => {
  it("agree with Node on negative, fractional and out-of-range positions", async () => {
    const result = await testPipeline(positions).input(words, records).run();
    // The pipeline's own expressions, evaluated by Node.
    const expected = records.map((w) => ({
      id: w.id,
      includesFrom: w.text.includes("ab", w.from),
      startsAt: w.text.startsWith("ab", w.from),
      endsBefore: w.text.endsWith("ab", w.from),
      tagFrom: w.tags.includes("x", w.from),
      tagIndexFrom: w.tags.indexOf("x", w.from),
    }));
    expect(result.sink("positions")).toEqual(expected);
  });
});
