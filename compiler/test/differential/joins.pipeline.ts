import { pipeline, kafka, tumbling, session, type Int, type Long, type Timestamp } from "tsflink";

// Written for differential.test.ts: an interval join (both bounds inclusive), a tumbling and a
// session window join, each with a join function of real expressions over both sides, and a union
// of two streams of one type. The window joins' results carry their key in `k`: the test orders
// each of their sinks' records by it. No input record is late (see timed-inputs.ts).

interface View {
  id: Int;
  at: Timestamp;
  item: string;
  price: number;
  qty: Int;
  note?: string;
}

interface Buy {
  id: Int;
  at: Timestamp;
  item: string;
  paid: number;
  units: Long;
  coupon: string | null;
}

interface Activity {
  id: Int;
  side: string;
  item: string;
  value: number;
}

const FREE = "FREE";

export default pipeline({ name: "differential-joins", parallelism: 1 }, (p) => {
  const views = p.source(kafka.source<View>({ topic: "differential.views", eventTime: { field: "at", maxOutOfOrderness: "2s" } }));
  const buys = p.source(kafka.source<Buy>({ topic: "differential.buys", eventTime: { field: "at", maxOutOfOrderness: "2s" } }));
  const attributed = views
    .keyBy((v) => v.item)
    .intervalJoin(buys.keyBy((b) => b.item), { between: ["-1s", "3s"] }, (v, b) => ({
      view: v.id,
      buy: b.id,
      item: v.item.length > 3 ? `${v.item.slice(0, 3)}…` : v.item,
      delay: b.at - v.at,
      discount: v.price === 0 ? -b.paid : (v.price * v.qty - b.paid) / v.price,
      free: b.coupon === FREE || (b.coupon ?? "").startsWith("F"),
      note: v.note ?? b.coupon ?? "none",
      units: b.units + v.qty,
    }));
  const paired = views
    .keyBy((v) => v.item.toLowerCase())
    .windowJoin(buys.keyBy((b) => b.item.toLowerCase()), tumbling("5s"), (v, b) => ({
      k: v.item.toLowerCase(),
      view: v.id,
      buy: b.id,
      later: b.at >= v.at,
      spend: Math.max(v.price, b.paid) - Math.min(v.price * v.qty, b.paid),
      label: `${v.item}/${b.item}:${b.units}`,
    }));
  const visits = views
    .keyBy((v) => v.item)
    .windowJoin(buys.keyBy((b) => b.item), session("2s"), (v, b) => ({
      k: v.item,
      view: v.id,
      buy: b.id,
      gap: Math.abs(b.at - v.at),
      even: v.qty % 2 === 0 && b.units % 2 === 0,
    }));
  const viewed = views.map((v): Activity => ({ id: v.id, side: "view", item: v.item, value: v.price * v.qty }));
  const bought = buys.filter((b) => b.units > 0).map((b): Activity => ({ id: b.id, side: "buy", item: b.item, value: -b.paid }));
  const activity = viewed.union(bought);
  attributed.to(kafka.sink({ topic: "differential.attributed" }));
  paired.to(kafka.sink({ topic: "differential.paired" }));
  visits.to(kafka.sink({ topic: "differential.visits" }));
  activity.to(kafka.sink({ topic: "differential.activity" }));
});
