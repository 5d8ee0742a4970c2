import { pipeline, kafka, redis } from "tsflink";

interface Score {
  player: string;
  points: number;
}

export default pipeline({ name: "redis-values" }, (p) => {
  const scores = p.source(kafka.source<Score>({ topic: "scores" }));
  scores.to(redis.sink({ name: "nothing", key: (s) => s.player }));
  scores.to(redis.sink({ name: "two", key: (s) => s.player, value: (s) => s.player, hash: (s) => ({ points: s.points }) }));
});
