import { pipeline, kafka, state, type Int, type Long, type Timestamp } from "tsflink";

// Written for differential.test.ts: flatMap, a rolling reduce and a keyed process (value and map
// state, let/if/return, emit) compared between Node and the JVM. Parallelism 1 keeps arrival
// order, so every sink's records compare one by one.

interface Sample {
  id: Int;
  a: number;
  b: number;
  s: string;
  nick?: string;
  count: Int;
  total: Long;
  at: Timestamp;
  flag: boolean;
  tags: string[];
}

const BUCKETS = 7;

export default pipeline({ name: "differential-operators", parallelism: 1 }, (p) => {
  const samples = p.source(kafka.source<Sample>({ topic: "differential.operators" }));
  const tagged = samples.flatMap((r) =>
    r.tags.length === 0 ? [{ id: r.id, tag: "-", weight: r.a }] : r.tags.map((tag) => ({ id: r.id, tag, weight: r.a + tag.length })),
  );
  const running = samples
    .keyBy((r) => r.count % BUCKETS)
    .reduce((acc, r) => ({ ...r, a: acc.a + r.a, s: acc.s.length > 20 ? r.s : acc.s + r.s, flag: acc.flag !== r.flag, tags: acc.tags }));
  // A template literal key: its TypeScript type is `${boolean}|${number}`, a string.
  const byPair = samples
    .keyBy((r) => `${r.flag}|${r.count % BUCKETS}`)
    .reduce((acc, r) => ({ ...r, a: acc.a + r.a, s: acc.s.length > 20 ? r.s : acc.s + r.s }));
  const activity = samples
    .keyBy((r) => r.flag)
    .process({
      state: {
        seen: state.value<Long>(0 as Long),
        sum: state.value(0),
        longest: state.value<string | null>(null),
        byNick: state.map<string, number>(),
      },
      onElement(r, s, out) {
        s.seen = s.seen + 1;
        s.sum += r.a;
        const nick = r.nick ?? "anonymous";
        const before = s.byNick.get(nick);
        s.byNick.set(nick, (before ?? 0) + 1);
        if (s.longest === null || r.s.length > s.longest.length) s.longest = r.s;
        if (r.tags.length > 3) {
          s.byNick.clear();
          return;
        }
        if (before === undefined) {
          out.emit({ id: r.id, kind: "first", nick, seen: s.seen, sum: s.sum, longest: s.longest ?? "", known: s.byNick.has("anonymous") });
        } else if (s.seen % 5 === 0) {
          s.byNick.delete(nick);
          out.emit({ id: r.id, kind: "every5", nick, seen: s.seen, sum: s.sum, longest: s.longest ?? "", known: before > 1 });
        }
      },
    });
  tagged.to(kafka.sink({ topic: "differential.tagged" }));
  running.to(kafka.sink({ topic: "differential.running" }));
  byPair.to(kafka.sink({ topic: "differential.by-pair" }));
  activity.to(kafka.sink({ topic: "differential.activity" }));
});
