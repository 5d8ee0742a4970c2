import { pipeline, kafka, type Timestamp } from "tsflink";

export interface Click {
  userId: string;
  page: string;
  at: Timestamp;
}

/** Declared at module level, so a test can pass the same definition to the test kit. */
export const clickSource = kafka.source<Click>({
  topic: "clicks",
  format: "avro",
  eventTime: { field: "at", maxOutOfOrderness: "5s" },
});

/** With a `name`, the name is the node's id whatever `const` the stream is bound to. */
export const auditSource = kafka.source<Click>({ topic: "clicks.audit", name: "audit" });
/** The same topic again, told apart from the one above by its name. */
export const replaySource = kafka.source<Click>({ topic: "clicks.audit", name: "replay" });

export default pipeline({ name: "source-definition" }, (p) => {
  const clicks = p.source(clickSource);
  const audited = p.source(auditSource);
  const replayed = p.source(replaySource);

  clicks.filter((c) => c.page !== "/health").to(kafka.sink({ topic: "pages" }));
  audited.to(kafka.sink({ topic: "audit" }));
  replayed.to(kafka.sink({ topic: "replay" }));
});
