import { pipeline, kafka } from "tsflink";

interface Visit {
  page: string;
  status: "NEW" | "SEEN";
  counters: Record<string, number>;
}

export default pipeline({ name: "visits" }, (p) => {
  p.source(kafka.source<Visit>({ topic: "visits" }))
    .map((v) => {
      // Accepted: the key cannot name an inherited member, or the read is guarded by Object.hasOwn.
      const literal = v.counters["clicks"] ?? 0;
      const byStatus = v.counters[v.status] ?? 0;
      const guarded = Object.hasOwn(v.counters, v.page) ? v.counters[v.page] : -1;
      const both = v.page !== "" && Object.hasOwn(v.counters, v.page) && v.counters[v.page] === 1;
      // Refused: "constructor" or "toString" as the page would read Object.prototype.
      const unguarded = v.counters[v.page] ?? 0;
      const inherited = v.counters["constructor"];
      const wrongGuard = v.page in v.counters ? v.counters[v.page] : 0;
      return { page: v.page, literal, byStatus, guarded, both, unguarded, inherited, wrongGuard };
    })
    .to(kafka.sink({ topic: "visit-counts" }));
  p.source(kafka.source<Visit>({ topic: "visits", name: "again" }))
    .map((v) => {
      if (!Object.hasOwn(v.counters, v.page)) return { page: v.page, n: 0 };
      return { page: v.page, n: v.counters[v.page] };
    })
    .to(kafka.sink({ topic: "visit-totals" }));
});
