import { pipeline, kafka, type Int, type Long, type Timestamp } from "tsflink";

// The function-body language: const/if/else/return, array methods, index, spread,
// Record<string, T> maps, type aliases, generic interfaces, and absent versus null.
type Money = number;
interface Tagged<T> {
  value: T;
  tags: string[];
}
interface Event {
  id: string;
  user?: string;
  referrer: string | null;
  scores: number[];
  counters: Record<string, Int>;
  price: Tagged<Money>;
  path: string;
  at: Timestamp;
  sequence: Long;
}

const VIP = "vip";

export default pipeline({ name: "language-subset" }, (p) => {
  const events = p.source(kafka.source<Event>({ topic: "events" }));
  const described = events.map((e) => {
    const total = e.scores.reduce((sum, s) => sum + s, 0);
    if (e.scores.length === 0) {
      return { ...e, label: "empty", total, best: 0, parts: [] as string[], user: `${e.user}`, vip: false };
    }
    const best = e.scores.filter((s) => s > 0).map((s) => s * 2).slice(0, 3)[0] ?? -1;
    const label = e.scores.some((s) => s > 100) ? "high" : e.scores.every((s) => s < 0) ? "negative" : "normal";
    return {
      ...e,
      label,
      total,
      best,
      parts: e.path.split("/").filter((part) => part !== ""),
      user: `${e.user}`,
      vip: e.price.tags.includes(VIP) || VIP in e.counters || (e.counters["clicks"] ?? 0) > 10 || Object.keys(e.counters).indexOf(VIP) >= 0,
    };
  });
  const absent = events.map((e) => ({
    id: e.id,
    userIsNull: e.user === null,
    userIsUndefined: e.user === undefined,
    referrerIsNull: e.referrer === null,
    firstScore: `${e.scores[0]}`,
    sequence: (e.sequence + 1) as Long,
    joined: e.scores.join("-"),
    counted: e.price.tags.indexOf("sale") + e.price.value,
  }));
  described.to(kafka.sink({ topic: "described" }));
  absent.to(kafka.sink({ topic: "absent" }));
});
