import { FlinkRestClient } from "../flink/flink-rest-client.js";
import { status } from "../../../flink-deploy/local/src/stack.js";

export interface Endpoints {
  readonly flinkRestUrl: string;
  /** Where `flinkRestUrl` came from, for messages about an unreachable cluster. */
  readonly flinkRestOrigin: string;
  readonly kafkaBootstrapServers: string | undefined;
}

const FROM_ENV = "the FLINK_REST_URL variable";

/**
 * Where the cluster and Kafka are: the environment first (`FLINK_REST_URL`,
 * `KAFKA_BOOTSTRAP_SERVERS`), then the local stack's address.
 */
export async function resolveEndpoints(): Promise<Endpoints> {
  const fromEnv = {
    flinkRestUrl: process.env["FLINK_REST_URL"],
    kafkaBootstrapServers: process.env["KAFKA_BOOTSTRAP_SERVERS"],
  };
  if (fromEnv.flinkRestUrl && fromEnv.kafkaBootstrapServers) {
    return { flinkRestUrl: fromEnv.flinkRestUrl, flinkRestOrigin: FROM_ENV, kafkaBootstrapServers: fromEnv.kafkaBootstrapServers };
  }
  const local = await status();
  const flink = local.services.flink;
  const localOrigin = flink.state === "stopped" ? "the local stack, which is not running: start it with `tsflink up` or set FLINK_REST_URL" : "the local stack";
  return {
    flinkRestUrl: fromEnv.flinkRestUrl ?? flink.restUrl,
    flinkRestOrigin: fromEnv.flinkRestUrl ? FROM_ENV : localOrigin,
    kafkaBootstrapServers: fromEnv.kafkaBootstrapServers ?? local.services.kafka?.bootstrapServers,
  };
}

/** A REST client for the cluster the endpoints name, whose errors say where its URL came from. */
export async function flinkClient(): Promise<FlinkRestClient> {
  const endpoints = await resolveEndpoints();
  return new FlinkRestClient(endpoints.flinkRestUrl, endpoints.flinkRestOrigin);
}
