// Opens a generated Allure 2 report in headless Chromium, goes to one test case, opens its "Timeline" attachment
// and checks that the SVG is really drawn (visible, sized, with a violation label when the test has one); also
// checks that the report's Categories tab lists the outcome categories. Writes PNG screenshots.
//
// usage: node check-report.mjs <report dir> <test case name> <screenshot.png>
// env:   CHROMIUM (default /usr/bin/chromium), CHECK_TIMEOUT_MS (default 30000)
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFile, readdir, mkdir } from "node:fs/promises";
import { extname, join, normalize, dirname, resolve } from "node:path";

const [reportDir, testName, screenshot] = process.argv.slice(2);
if (!reportDir || !testName || !screenshot) {
  console.error("usage: node check-report.mjs <report dir> <test case name> <screenshot.png>");
  process.exit(2);
}
const timeout = Number(process.env.CHECK_TIMEOUT_MS ?? 30000);
const root = resolve(reportDir);

const types = {
  ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json",
  ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".txt": "text/plain",
  ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".jsonl": "application/x-ndjson",
};

function fail(message) {
  console.error(`report check FAILED: ${message}`);
  process.exitCode = 1;
}

// the report's test cases: data/test-cases/<uid>.json, each with its name
async function findTestCase(name) {
  const dir = join(root, "data", "test-cases");
  const names = [];
  for (const file of await readdir(dir)) {
    const testCase = JSON.parse(await readFile(join(dir, file), "utf8"));
    names.push(testCase.name);
    if (testCase.name === name) {
      return testCase;
    }
  }
  throw new Error(`no test case named "${name}" in ${dir}; there are: ${names.sort().join(", ")}`);
}

// a static server on 127.0.0.1 (the report loads its data with XHR, which file:// URLs do not allow)
function serve() {
  const server = createServer(async (req, res) => {
    try {
      const path = normalize(decodeURIComponent(new URL(req.url, "http://localhost").pathname));
      const file = join(root, path.endsWith("/") ? path + "index.html" : path);
      if (!file.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

const testCase = await findTestCase(testName);
const timeline = testCase.testStage?.attachments?.find((a) => a.name === "Timeline");
if (!timeline) {
  fail(`test case "${testName}" has no "Timeline" attachment`);
  process.exit();
}
const expectViolation = (testCase.testStage?.steps ?? []).some((s) => / VIOLATED /.test(
    JSON.stringify(s.steps ?? [])));

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1600 } });
  page.setDefaultTimeout(timeout);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));

  // the test case on its own page
  await page.goto(`${base}/index.html#testresult/${testCase.uid}`);
  await page.locator(".test-result__name, .pane__title").filter({ hasText: testName }).first().waitFor();
  await mkdir(dirname(resolve(screenshot)), { recursive: true });
  const topShot = screenshot.replace(/\.png$/, "") + "-top.png";
  await page.screenshot({ path: topShot });
  const row = page.locator(".attachment-row", { hasText: "Timeline" }).first();
  await row.waitFor();
  await row.click();
  const embed = page.locator("object.attachment__embed").first();
  await embed.waitFor({ state: "visible" });
  await embed.scrollIntoViewIfNeeded();

  // the SVG inside the <object> is loaded and drawn
  const drawn = await page.waitForFunction(() => {
    const object = document.querySelector("object.attachment__embed");
    const svg = object?.contentDocument?.querySelector("svg");
    if (!svg) {
      return null;
    }
    const box = object.getBoundingClientRect();
    const texts = [...svg.querySelectorAll("text")].map((t) => t.firstChild?.nodeValue ?? "");
    return { width: box.width, height: box.height, texts, rects: svg.querySelectorAll("rect").length };
  }, null, { timeout }).then((handle) => handle.jsonValue());

  console.log(`timeline of "${testName}": ${Math.round(drawn.width)}x${Math.round(drawn.height)} px,`
      + ` ${drawn.rects} rects, ${drawn.texts.length} texts`);
  if (drawn.width < 600 || drawn.height < 200) {
    fail(`the timeline is drawn ${drawn.width}x${drawn.height} px, too small to read`);
  }
  if (!drawn.texts.some((t) => t.includes("Gateway pods"))) {
    fail("the timeline has no gateway pod lane");
  }
  if (expectViolation && !drawn.texts.some((t) => / violated /.test(t))) {
    fail("the test has a violation but the timeline shows no violation label");
  }
  const visible = await embed.isVisible();
  if (!visible) {
    fail("the timeline attachment is not visible");
  }

  await page.screenshot({ path: screenshot });
  const timelineShot = screenshot.replace(/\.png$/, "") + "-timeline.png";
  await embed.screenshot({ path: timelineShot });
  console.log(`screenshots: ${topShot}, ${screenshot}, ${timelineShot}`);

  // the Categories tab shows every category the generator put results into (passed ones included)
  const expected = JSON.parse(await readFile(join(root, "widgets", "categories.json"), "utf8")).items
      .map((item) => item.name);
  if (expected.length > 0) {
    await page.goto(`${base}/index.html#categories`);
    await page.locator(".node__title").first().waitFor();
    const shown = (await page.locator(".node__title").allInnerTexts()).map((c) => c.split("\n")[0].trim());
    console.log(`categories tab: ${shown.join(" | ")}`);
    for (const name of expected) {
      if (!shown.some((c) => c.includes(name))) {
        fail(`the Categories tab does not show "${name}"`);
      }
    }
  }
  if (errors.length > 0) {
    fail(`the report page raised errors: ${errors.join("; ")}`);
  }
} catch (e) {
  fail(e.message);
} finally {
  await browser.close();
  server.close();
}
if (!process.exitCode) {
  console.log("report check passed");
}
