// Opens a generated Allure 2 report in headless Chromium, goes to one test case, opens its "Timeline" attachment
// and checks that the SVG is really drawn (visible, sized, with a violation label when the test has one); also
// checks that the report's Categories tab lists the outcome categories. Writes PNG screenshots.
//
// usage: node check-report.mjs <report dir> <test case> <screenshot.png>
//   <test case>: a test case's exact name; or words that all occur in one test case's full name and name
//   (e.g. "FipChurnDuringRescheduleIT [twin v1.13.4]"); or "" for the default: the #5114 experiment on twin
//   v1.13.4 in a suite report, else the #5114 sample history in a report of chaos-core's sample results.
// env:   CHROMIUM (default /usr/bin/chromium), CHECK_TIMEOUT_MS (default 30000)
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFile, readdir, mkdir } from "node:fs/promises";
import { extname, join, normalize, dirname, resolve } from "node:path";

const [reportDir, testQuery, screenshot] = process.argv.slice(2);
if (!reportDir || testQuery === undefined || !screenshot) {
  console.error("usage: node check-report.mjs <report dir> <test case | \"\"> <screenshot.png>");
  process.exit(2);
}
// the default test case, first that the report has: the #5114 experiment of a suite run, the #5114 sample history
const DEFAULT_QUERIES = ["FipChurnDuringRescheduleIT [twin v1.13.4]", "bad/5114-reset-marks-eip-ready-mid-redo"];
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

// the report's test cases: data/test-cases/<uid>.json, each with its name and full name (retries are hidden)
async function testCases() {
  const dir = join(root, "data", "test-cases");
  const cases = [];
  for (const file of await readdir(dir)) {
    const testCase = JSON.parse(await readFile(join(dir, file), "utf8"));
    if (!testCase.hidden) {
      cases.push(testCase);
    }
  }
  return cases;
}

// the test cases a query selects: the one with exactly that name, else those whose "<full name> <name>" contains
// every word of the query
function select(cases, query) {
  const exact = cases.filter((c) => c.name === query);
  if (exact.length > 0) {
    return exact;
  }
  const words = query.split(/\s+/).filter((w) => w.length > 0);
  return cases.filter((c) => words.every((w) => `${c.fullName ?? ""} ${c.name}`.includes(w)));
}

async function findTestCase(query) {
  const cases = await testCases();
  const described = () => cases.map((c) => `"${c.name}" (${c.fullName})`).sort().join(", ");
  const queries = query === "" ? DEFAULT_QUERIES : [query];
  for (const q of queries) {
    const found = select(cases, q);
    if (found.length > 1) {
      throw new Error(`"${q}" selects ${found.length} test cases: ${found.map((c) => `"${c.name}"`).join(", ")}`);
    }
    if (found.length === 1) {
      console.log(`test case "${found[0].name}" (${found[0].fullName}), selected by "${q}"`);
      return found[0];
    }
  }
  throw new Error(`no test case matches ${queries.map((q) => `"${q}"`).join(" or ")} in ${root}; there are: `
      + described());
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

let testCase;
try {
  testCase = await findTestCase(testQuery);
} catch (e) {
  fail(e.message);
  process.exit();
}
const testName = testCase.name;
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
  // the upstream issue links are on the page (the #5114 experiment links kubeovn/kube-ovn#5114)
  for (const link of (testCase.links ?? []).filter((l) => l.type === "issue" && l.url)) {
    if (await page.locator(`a[href="${link.url}"]`).count() === 0) {
      fail(`the test case page has no link to ${link.url}`);
    } else {
      console.log(`issue link on the page: ${link.url}`);
    }
  }
  const visible = await embed.isVisible();
  if (!visible) {
    fail("the timeline attachment is not visible");
  }

  await page.screenshot({ path: screenshot });
  const timelineShot = screenshot.replace(/\.png$/, "") + "-timeline.png";
  await embed.screenshot({ path: timelineShot });
  // the test case as the README shows it (docs/report-5114.png): from its parameters and links through its steps
  // to the drawn Timeline, one clip of the viewport
  const caseShot = screenshot.replace(/\.png$/, "") + "-case.png";
  const caseClip = () => page.evaluate(() => {
    const object = document.querySelector("object.attachment__embed");
    const from = [...document.querySelectorAll("h3")].find((h) => h.textContent.trim() === "Parameters") ?? object;
    from.scrollIntoView({ block: "start" });
    const left = document.querySelector(".side-nav")?.getBoundingClientRect().right ?? 0;
    const top = Math.max(0, from.getBoundingClientRect().top - 12);
    const bottom = object.getBoundingClientRect().bottom + 12;
    return { x: left, y: top, width: window.innerWidth - left, height: bottom - top };
  });
  const viewport = page.viewportSize();
  let clip = await caseClip();
  if (clip.y + clip.height > viewport.height) {
    // a tall timeline (many violated resources): a taller window for this one shot
    await page.setViewportSize({ width: viewport.width, height: Math.ceil(clip.height) + 40 });
    clip = await caseClip();
  }
  await page.screenshot({ path: caseShot, clip });
  await page.setViewportSize(viewport);
  console.log(`screenshots: ${topShot}, ${screenshot}, ${timelineShot}, ${caseShot}`);

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
