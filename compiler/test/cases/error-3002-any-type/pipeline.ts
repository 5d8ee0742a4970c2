import { pipeline, kafka } from "tsflink";

interface Loose {
  id: string;
  payload: any;
}

export default pipeline({ name: "loose" }, (p) => {
  p.source(kafka.source<Loose>({ topic: "loose" })).to(kafka.sink({ topic: "out" }));
});
