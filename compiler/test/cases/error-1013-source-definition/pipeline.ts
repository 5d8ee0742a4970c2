import { pipeline, kafka, type Timestamp } from "tsflink";

interface Click {
  userId: string;
  at: Timestamp;
}

let reassignable = kafka.source<Click>({ topic: "clicks" });
const sources = { clicks: kafka.source<Click>({ topic: "clicks" }) };
const renamed = sources.clicks;
const makeSource = () => kafka.source<Click>({ topic: "clicks" });

export default pipeline({ name: "clicks" }, (p) => {
  const local = kafka.source<Click>({ topic: "clicks" });
  p.source(reassignable).to(kafka.sink({ topic: "out1" }));
  p.source(renamed).to(kafka.sink({ topic: "out2" }));
  p.source(local).to(kafka.sink({ topic: "out3" }));
  p.source(sources.clicks).to(kafka.sink({ topic: "out4" }));
  p.source(makeSource()).to(kafka.sink({ topic: "out5" }));
});
