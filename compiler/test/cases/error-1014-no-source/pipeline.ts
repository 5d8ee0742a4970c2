import { pipeline } from "tsflink";

// A job with no source has nothing to run: Flink refuses to start it.
export default pipeline({ name: "empty" }, () => {});
