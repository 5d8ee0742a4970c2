import { kafka } from "tsflink";

export const sink = kafka.sink({ topic: "nowhere" });
