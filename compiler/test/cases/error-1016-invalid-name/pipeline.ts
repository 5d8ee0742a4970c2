import { pipeline, kafka, type Int } from "tsflink";

interface Click { userId: string; durationMs: Int }

// Names that reach Kafka or become operator uids are checked where they are written.
export default pipeline({ name: "bad-names" }, (p) => {
  const clicks = p.source(kafka.source<Click>({ topic: "clicks new" }));
  const views = p.source(kafka.source<Click>({ topic: "views", groupId: "views\nreader" }));
  const pages = p.source(kafka.source<Click>({ topic: "pages" }));
  clicks.to(kafka.sink({ topic: "long", name: "long \"clicks\"" }));
  views.to(kafka.sink({ topic: "views.copy" }));
  pages.to(kafka.sink({ topic: ".." }));
});
