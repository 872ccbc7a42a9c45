// `--format html` in a real browser: headless Chromium from the distribution's packages (/usr/bin/chromium, which
// .ci/run installs), driven by playwright-core, which downloads nothing. Outside CI a machine without Chromium
// skips this file; in CI (CI=true) a missing Chromium fails it, as a missing Pulumi CLI fails test/engine.
//
// UPDATE_SCREENSHOT=1 copies the screenshot to docs/report.png, the picture the README shows.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoDir, runCli } from "./built-cli";

const CHROMIUM = "/usr/bin/chromium";
const inCi = process.env.CI === "true" || process.env.CI === "1";
const available = existsSync(CHROMIUM);

/** A name no report may render as markup: it closes the attribute and the element, and tries to run script. */
export const HOSTILE = `wallet-db-sg"'><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">&amp;`;

const tmp = mkdtempSync(join(tmpdir(), "akmg-html-"));
const reportFile = join(tmp, "report.html");
const hostileFile = join(tmp, "hostile.html");
const screenshot = join(tmp, "report.png");

interface Loaded {
    page: Page;
    requests: string[];
    errors: string[];
}

let context: BrowserContext | undefined;

async function open(file: string): Promise<Loaded> {
    const page = await context!.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("console", (message) => {
        if (message.type() === "error") {
            errors.push(message.text());
        }
    });
    page.on("pageerror", (error) => errors.push(error.message));
    // Every request goes through here: the report's own file and data: URLs are all it may load.
    await page.route("**/*", async (route) => {
        const url = route.request().url();
        requests.push(url);
        if (url.startsWith("file:") || url.startsWith("data:")) {
            await route.continue();
        } else {
            await route.abort();
        }
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    return { page, requests, errors };
}

describe.skipIf(!available && !inCi)("the HTML report in headless Chromium", () => {
    const timings: Record<string, number> = {};

    beforeAll(async () => {
        expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`).toBe(true);
        let started = Date.now();
        // The same stack with its database's security group renamed to markup, everywhere the name occurs.
        const exported = readFileSync(join(repoDir, "stacks", "exports", "exposed-wallet-db.json"), "utf8");
        const hostileExport = join(tmp, "hostile.json");
        writeFileSync(hostileExport, JSON.stringify(JSON.parse(exported, (_key, value: unknown) => (typeof value === "string" ? value.split("wallet-db-sg").join(HOSTILE) : value))));
        const [run, hostile] = await Promise.all([
            runCli(["scan", "--no-fail", "stacks/exports/exposed-wallet-db.json", "stacks/exports/hardened.json", "--format", "html", "--output", reportFile]),
            runCli(["scan", "--no-fail", hostileExport, "--format", "html", "--output", hostileFile]),
        ]);
        expect(run.code, run.stderr).toBe(0);
        expect(hostile.code, hostile.stderr).toBe(0);
        timings.scans = Date.now() - started;
        started = Date.now();
        context = await chromium.launchPersistentContext(mkdtempSync(join(tmp, "profile-")), {
            executablePath: CHROMIUM,
            headless: true,
            viewport: { width: 1280, height: 900 },
            args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        timings.launch = Date.now() - started;
    });

    afterAll(async () => {
        await context?.close();
        console.log(`html report browser test timings (ms): ${JSON.stringify(timings)}`);
    });

    it("renders with no console error and loads nothing but the file", async () => {
        const started = Date.now();
        const { page, requests, errors } = await open(reportFile);
        expect(errors).toEqual([]);
        expect(requests.length).toBeGreaterThan(0);
        expect(requests.filter((url) => !url.startsWith("file:") && !url.startsWith("data:"))).toEqual([]);
        await expect(page.title()).resolves.toContain("exposed-wallet-db");
        timings.render = Date.now() - started;
        await page.close();
    });

    it("draws the wallet database's path through its open security group, with the properties on the edges", async () => {
        const { page } = await open(reportFile);
        const store = page.locator('[data-stack-section="0"] section[data-store="wallet-db"]');
        await expect(store.getAttribute("data-closed")).resolves.toBe("false");
        for (const label of ["wallet-db", "wallet-db-sg", "wallet-db-sg.ingress[0]", "0.0.0.0/0", "::/0"]) {
            const node = store.locator(`svg .node[data-label="${label}"]`);
            await expect(node.count(), label).resolves.toBeGreaterThan(0);
            await expect(node.first().isVisible(), label).resolves.toBe(true);
        }
        const edges = await store.locator("svg .edge").evaluateAll((elements) => elements.map((e) => e.getAttribute("data-property")));
        expect(edges).toEqual(expect.arrayContaining(["vpcSecurityGroupIds", "ingress[0]", "cidrBlocks[0]", "ipv6CidrBlocks[0]"]));
        // A node links to its findings: following the security group's link shows its sg-no-public-db-port-ingress rows.
        await store.locator('svg a.node[data-label="wallet-db-sg"]').first().click();
        const target = decodeURIComponent(new URL(page.url()).hash.slice(1));
        const rows = page.locator(`[id="${target}"] tr[data-policy="sg-no-public-db-port-ingress"]`);
        await expect(rows.count()).resolves.toBeGreaterThan(0);
        await expect(rows.first().isVisible()).resolves.toBe(true);
        await page.close();
    });

    it("filtering by severity hides the lower findings, and the filter can be undone", async () => {
        const { page } = await open(reportFile);
        const visible = (severity: string) => page.locator(`section[data-store] tr[data-severity="${severity}"]:visible`).count();
        expect(await visible("medium")).toBeGreaterThan(0);
        expect(await visible("low")).toBeGreaterThan(0);
        const critical = await visible("critical");
        await page.selectOption("#filter-severity", "high");
        expect(await visible("medium")).toBe(0);
        expect(await visible("low")).toBe(0);
        expect(await visible("critical")).toBe(critical);
        expect(await visible("high")).toBeGreaterThan(0);
        await expect(page.locator("#shown-count").textContent()).resolves.toMatch(/^\d+ findings shown$/);
        await page.selectOption("#filter-severity", "");
        expect(await visible("medium")).toBeGreaterThan(0);
        await page.close();
    });

    it("filters by stack and by policy", async () => {
        const { page } = await open(reportFile);
        await page.selectOption("#filter-stack", "1");
        await expect(page.locator('[data-stack-section="0"]').isVisible()).resolves.toBe(false);
        await expect(page.locator('[data-stack-section="1"]').isVisible()).resolves.toBe(true);
        await page.selectOption("#filter-stack", "");
        await page.selectOption("#filter-policy", "db-sg-no-public-source");
        const policies = await page.locator("tr[data-policy]:visible").evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute("data-policy")))]);
        expect(policies).toEqual(["db-sg-no-public-source"]);
        await page.close();
    });

    it("shows every store of the hardened stack as closed", async () => {
        const { page } = await open(reportFile);
        const stores = page.locator('[data-stack-section="1"] section[data-store]');
        expect(await stores.count()).toBeGreaterThan(5);
        const closed = await stores.evaluateAll((sections) => sections.map((s) => `${s.getAttribute("data-store")}=${s.getAttribute("data-closed")}`));
        expect(closed.filter((entry) => !entry.endsWith("=true"))).toEqual([]);
        await expect(stores.first().locator(".status").textContent()).resolves.toBe("closed: no path");
        await page.close();
    });

    it("renders a hostile resource name as text: no element, no script", async () => {
        const { page, errors, requests } = await open(hostileFile);
        expect(errors).toEqual([]);
        expect(requests.filter((url) => !url.startsWith("file:") && !url.startsWith("data:"))).toEqual([]);
        await expect(page.evaluate("typeof window.__pwned")).resolves.toBe("undefined");
        await expect(page.locator("img").count()).resolves.toBe(0);
        await expect(page.locator("script").count()).resolves.toBe(1);
        const labels = await page.locator('section[data-store="wallet-db"] svg .node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-label")));
        expect(labels).toContain(HOSTILE);
        await expect(page.locator("body").textContent()).resolves.toContain(`${HOSTILE.slice(0, 20)}`);
        await page.close();
    });

    it("writes the screenshot the README shows", async () => {
        const started = Date.now();
        const { page } = await open(reportFile);
        await page.setViewportSize({ width: 1600, height: 720 });
        await page.locator('[data-stack-section="0"] section[data-store="wallet-db"] .graph-block').screenshot({ path: screenshot });
        timings.screenshot = Date.now() - started;
        expect(statSync(screenshot).size).toBeGreaterThan(10_000);
        if (process.env.UPDATE_SCREENSHOT === "1") {
            copyFileSync(screenshot, join(repoDir, "docs", "report.png"));
        }
        await page.close();
    });
});
