/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The functions given to page.evaluate and waitForFunction run in the browser, against its DOM.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compilePipeline } from "../compiler/src/compile.js";
import { FlinkRestClient } from "../compiler/src/flink/flink-rest-client.js";
import { ensureDebianPackage, findOnPath } from "../flink-deploy/local/src/debian-packages.js";
import { resolveStackConfig } from "../flink-deploy/local/src/stack-config.js";
import { ensureStack, type StackHandle } from "../flink-deploy/local/src/stack.js";

const root = path.resolve(import.meta.dirname, "..");
const PIPELINE = "pipelines/orders.ts";
const SCREENSHOT = path.join(root, ".ci/out/web-ui-orders.png");

/** The flags a headless browser needs in a container: no sandbox (root), no GPU, no /dev/shm, no background traffic. */
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"];

/**
 * The Flink web UI is tsflink's monitoring surface: a running pipeline must be recognisable there
 * by its pipeline name, and every operator by its TypeScript file and line. Headless Chromium
 * (Debian's package, installed on first use like PostgreSQL) opens the job's page on the local
 * cluster as a user would; the screenshot is kept under .ci/out/ as a CI artifact.
 */
describe("the Flink web UI shows the demo job with its TypeScript locations", () => {
  let stack: StackHandle | undefined;
  let flink: FlinkRestClient;
  let browser: Browser | undefined;
  let jobId: string | undefined;

  beforeAll(async () => {
    const config = resolveStackConfig();
    const chromium = await ensureDebianPackage({ service: "web-ui test", name: "chromium", find: async () => findOnPath("chromium", process.env) }, config);
    stack = await ensureStack();
    flink = new FlinkRestClient(stack.stack.services.flink.restUrl);
    for (const job of await flink.listJobs()) if (job.name === "orders" && job.state === "RUNNING") await flink.cancel(job.jobId);
    const env = { ...process.env, FLINK_REST_URL: flink.baseUrl, KAFKA_BOOTSTRAP_SERVERS: stack.stack.services.kafka.bootstrapServers, TSFLINK_PROFILE: "" };
    const submitted = spawnSync(process.execPath, [path.join(root, "compiler/bin/tsflink.mjs"), "submit", PIPELINE, "--json"], { cwd: root, encoding: "utf8", env });
    if (submitted.status !== 0) throw new Error(`submit failed: ${submitted.stderr}`);
    jobId = (JSON.parse(submitted.stdout) as { jobId: string }).jobId;
    browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: CHROMIUM_FLAGS });
  });

  afterAll(async () => {
    await browser?.close();
    if (jobId) await flink.cancel(jobId).catch(() => undefined);
    await stack?.stop();
  });

  it("lists the running job by pipeline name and names each operator with its file:line", async () => {
    const graph = compilePipeline(path.join(root, PIPELINE), { projectRoot: root }).graph!;
    // Every operator the compiler named, plus the dead-letter sink the harness adds: each carries `orders.ts:<line>`.
    const operatorNames = [...graph.nodes.map((n) => n.name), ...graph.nodes.flatMap((n) => (n.kind === "kafka-source" && n.deadLetter ? [n.deadLetter.name] : []))];
    expect(operatorNames.every((n) => /· orders\.ts:\d+/.test(n))).toBe(true);

    const page = await browser!.newPage();
    await page.setViewport({ width: 1600, height: 1000 });
    await page.goto(`${flink.baseUrl}/#/job/running/${jobId}/overview`, { waitUntil: "networkidle2", timeout: 60_000 });
    // The overview polls the REST API; wait until the job is RUNNING and its graph has been drawn.
    await page.waitForFunction(
      (names: string[]) => {
        const text = document.body.textContent ?? "";
        return text.includes("RUNNING") && names.every((n) => text.includes(n));
      },
      { timeout: 90_000, polling: 500 },
      operatorNames,
    );
    const text = await page.evaluate(() => document.body.textContent ?? "");
    expect(text).toContain(jobId);
    for (const name of operatorNames) expect(text).toContain(name);
    // The page's heading is the job's name, which is the pipeline's name.
    const headings = await page.evaluate(() => [...document.querySelectorAll("body *")].filter((e) => e.children.length === 0 && e.textContent?.trim() === "orders").length);
    expect(headings).toBeGreaterThanOrEqual(1);

    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);

    // The running-jobs list has a row for it: its name and RUNNING.
    await page.goto(`${flink.baseUrl}/#/job/running`, { waitUntil: "networkidle2", timeout: 60_000 });
    const rowOf = () => page.evaluate(() => [...document.querySelectorAll("tr")].map((r) => [...r.querySelectorAll("td")].map((c) => c.textContent?.trim() ?? "")).filter((cells) => cells[0] === "orders"));
    await page.waitForFunction(() => [...document.querySelectorAll("tr td:first-child")].some((c) => c.textContent?.trim() === "orders"), { timeout: 60_000, polling: 500 });
    const rows = await rowOf();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain("RUNNING");
    await page.close();
  }, 240_000);
});
