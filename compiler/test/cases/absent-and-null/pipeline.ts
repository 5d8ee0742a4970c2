import { pipeline, kafka } from "tsflink";

// Which fields a record may leave out: `x?: T` and `x: T | undefined` (JavaScript sees
// undefined, which they allow) carry `"default": null`; `x: T | null` must be present.
interface Visit {
  id: string;
  campaign?: string;
  channel: string | undefined;
  referrer: string | null;
}

export default pipeline({ name: "absent-and-null" }, (p) => {
  p.source(kafka.source<Visit>({ topic: "visits", format: "json" }))
    .map((v) => ({ id: v.id, campaign: v.campaign ?? "none", channel: `${v.channel}`, referrer: v.referrer ?? "direct" }))
    .to(kafka.sink({ topic: "visits.described", format: "json" }));
});
