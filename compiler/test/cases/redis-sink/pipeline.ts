import { pipeline, kafka, redis, type Int, type Timestamp } from "tsflink";

interface Score {
  player: string;
  game: string;
  points: Int;
  at: Timestamp;
}

export default pipeline({ name: "redis-sink" }, (p) => {
  const scores = p.source(kafka.source<Score>({ topic: "scores" }));
  scores.to(
    redis.sink({
      key: (s) => `player:${s.player}`,
      hash: (s) => ({ game: s.game, points: s.points, at: s.at }),
      ttl: "1h",
    }),
  );
  scores.to(redis.sink({ name: "latest-game", key: (s) => `latest:${s.player}`, value: (s) => s.game }));
  scores.to(redis.sink({ name: "leaderboard", key: (s) => `leaderboard:${s.game}`, sortedSet: { member: (s) => s.player, score: (s) => s.points } }));
  scores.to(redis.sink({ name: "last-score", key: (s) => `score:${s.player}`, value: (s) => ({ points: s.points, at: s.at }) }));
});
