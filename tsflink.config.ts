import { defineConfig } from "tsflink";

/**
 * Where tsflink's commands find Flink, Kafka and the databases. Flags win over the environment
 * (FLINK_REST_URL, KAFKA_BOOTSTRAP_SERVERS, PG_URL, MONGODB_URI, REDIS_URL, TSFLINK_*), which wins
 * over the profile chosen with `--profile` or TSFLINK_PROFILE; what none sets is the local stack's.
 * `tsflink config` shows the result.
 */
export default defineConfig({
  defaultProfile: "local",
  profiles: {
    // Everything from the local stack (`tsflink up`).
    local: {},
    // A cluster run by the Flink Kubernetes Operator (flink-deploy/k8s); passwords come from PG_URL.
    prod: {
      flinkRestUrl: "http://flink-rest.tsflink.svc:8081",
      kafkaBootstrapServers: "tsflink-kafka-bootstrap.kafka.svc:9092",
      mongodbUri: "mongodb://mongodb.tsflink.svc:27017/tsflink",
      redisUrl: "redis://redis.tsflink.svc:6379",
      parallelism: 4,
      checkpointDir: "s3://tsflink/checkpoints",
      savepointDir: "s3://tsflink/savepoints",
    },
  },
});
