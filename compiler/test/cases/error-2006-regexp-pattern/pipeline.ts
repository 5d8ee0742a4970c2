import { pipeline, kafka } from "tsflink";

interface Click {
  userId: string;
  url: string;
}

export default pipeline({ name: "clicks" }, (p) => {
  p.source(kafka.source<Click>({ topic: "clicks" }))
    .map((c) => ({ url: c.url.replace(/-/g, " "), user: c.userId.replaceAll(/x/g, "y") }))
    .to(kafka.sink({ topic: "out" }));
});
