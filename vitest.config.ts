import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["compiler/test/**/*.test.ts", "flink-deploy/**/test/**/*.test.ts", "pipelines/**/*.test.ts", "services/**/test/**/*.test.ts"],
    // Tests that start real servers share one machine: run files one after another.
    fileParallelism: false,
    globalSetup: ["compiler/test/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
