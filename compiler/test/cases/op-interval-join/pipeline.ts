import { pipeline, kafka, type Timestamp } from "tsflink";

// An interval join of impressions and clicks on the same ad within five minutes.
interface Impression {
  adId: string;
  impressionId: string;
  at: Timestamp;
}
interface AdClick {
  adId: string;
  userId: string;
  at: Timestamp;
}

export default pipeline({ name: "ad-attribution" }, (p) => {
  const impressions = p.source(kafka.source<Impression>({ topic: "impressions", eventTime: { field: "at" } }));
  const clicks = p.source(kafka.source<AdClick>({ topic: "ad-clicks", eventTime: { field: "at" } }));
  const attributed = clicks
    .keyBy((c) => c.adId)
    .intervalJoin(impressions.keyBy((i) => i.adId), { between: ["-5m", "0s"] }, (c, i) => ({
      adId: c.adId,
      impressionId: i.impressionId,
      userId: c.userId,
      delayMs: c.at - i.at,
    }));
  attributed.to(kafka.sink({ topic: "attributed-clicks" }));
});
