import process from "node:process";

/** What a page did while it loaded: requests other than its own document, console errors, script errors. */
export interface PageWatch {
  requests: string[];
  errors: string[];
}

const PLATFORM = `${process.platform}-${process.arch}`;

type Browser = import("puppeteer-core").Browser;
type Page = import("puppeteer-core").Page;

/** Why the browser tests do not run here, or null when they do: on Node, on Linux. */
export function browserUnavailable(): string | null {
  const g = globalThis as { Bun?: unknown; Deno?: unknown };
  if (g.Bun !== undefined || g.Deno !== undefined) {
    // The page is byte-identical on every runtime (test/e2e/runtimes.test.ts): one browser run is enough.
    return "the headless-browser tests run on the Node leg of npm test";
  }
  // @sparticuz/chromium ships a Linux Chromium only; on Linux a browser that does not start fails the tests.
  if (process.platform !== "linux") return `no Chromium ships for ${PLATFORM} in @sparticuz/chromium`;
  return null;
}

/**
 * Launches the Chromium that @sparticuz/chromium ships inside its npm package (unpacked
 * to the temporary directory on first use), with no sandbox (CI runs as root) and nothing
 * that would reach the network.
 */
export async function launchBrowser(): Promise<Browser> {
  const chromium = (await import("@sparticuz/chromium")).default;
  const puppeteer = (await import("puppeteer-core")).default;
  const args = [
    ...chromium.args,
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
  ];
  return await puppeteer.launch({ executablePath: await chromium.executablePath(), args, headless: true });
}

/** Opens `url` in a new page, refusing and recording every request but the page's own. */
export async function openWatched(browser: Browser, url: string): Promise<{ page: Page; watch: PageWatch }> {
  const page = await browser.newPage();
  const watch: PageWatch = { requests: [], errors: [] };
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (request.url() === url) void request.continue();
    else {
      watch.requests.push(request.url());
      void request.abort();
    }
  });
  page.on("console", (message) => {
    if (message.type() === "error") watch.errors.push(message.text());
  });
  page.on("pageerror", (error) => watch.errors.push(String(error)));
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(url, { waitUntil: "load" });
  return { page, watch };
}
