import { status } from "../../../flink-deploy/local/src/stack.js";

export interface Endpoints {
  readonly flinkRestUrl: string;
  readonly kafkaBootstrapServers: string | undefined;
}

/**
 * Where the cluster and Kafka are: the environment first (`FLINK_REST_URL`,
 * `KAFKA_BOOTSTRAP_SERVERS`), then the running local stack, then Flink's default address.
 */
export async function resolveEndpoints(): Promise<Endpoints> {
  const fromEnv = {
    flinkRestUrl: process.env["FLINK_REST_URL"],
    kafkaBootstrapServers: process.env["KAFKA_BOOTSTRAP_SERVERS"],
  };
  if (fromEnv.flinkRestUrl && fromEnv.kafkaBootstrapServers) {
    return { flinkRestUrl: fromEnv.flinkRestUrl, kafkaBootstrapServers: fromEnv.kafkaBootstrapServers };
  }
  const local = await status();
  return {
    flinkRestUrl: fromEnv.flinkRestUrl ?? local.services.flink?.restUrl ?? "http://127.0.0.1:8081",
    kafkaBootstrapServers: fromEnv.kafkaBootstrapServers ?? local.services.kafka?.bootstrapServers,
  };
}
