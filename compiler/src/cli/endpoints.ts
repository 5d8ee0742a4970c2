import { FlinkRestClient } from "../flink/flink-rest-client.js";
import { describeSource, type ResolvedConfig } from "../config/settings.js";

/**
 * A REST client for the cluster the configuration names, whose errors say where its URL came
 * from (a flag, a variable, a profile or the local stack), so "unreachable" says what to change.
 */
export function flinkClient(config: ResolvedConfig): FlinkRestClient {
  const setting = config.settings.flinkRestUrl;
  const origin =
    setting.source.kind === "default"
      ? "the local stack; start it with `tsflink up`, or set FLINK_REST_URL, --flink-url or a profile's flinkRestUrl"
      : describeSource(setting.source);
  return new FlinkRestClient(setting.value!, origin);
}
