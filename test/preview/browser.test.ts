import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawChapterDiagram } from '../../src/diagram/draw.js';
import { ROOT, stackdoc } from '../helpers/cli.js';
import { copyFixture } from '../helpers/fixture.js';

// A real browser on the preview that `stackdoc preview --watch` serves: Debian's Chromium driven
// by playwright-core (which downloads nothing). Skipped only where Chromium is not installed;
// scripts/install-deps.sh installs it, so CI always runs it.
const CHROMIUM = process.env.STACKDOC_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = join(ROOT, 'test-results/preview');
const fixture = join(import.meta.dirname, '../fixtures/preview/site');
const args = ['skeleton.md', '--profiles', 'profiles', '--out', 'out'];

describe.skipIf(!existsSync(CHROMIUM))('stackdoc preview --watch in Chromium', () => {
  let dir: string;
  let child: ChildProcess;
  let output = '';
  let browser: BrowserContext;
  let profileDir: string;

  const waitFor = async (pattern: RegExp, from = 0): Promise<RegExpMatchArray> => {
    for (let i = 0; i < 300; i++) {
      const match = output.slice(from).match(pattern);
      if (match) return match;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${pattern} in:\n${output}`);
  };

  beforeAll(async () => {
    dir = copyFixture(fixture);
    expect(stackdoc(['build', ...args], dir).code).toBe(0);
    // The diagram is drawn by test-examples from the rendered chart; here only the drawing runs.
    expect((await drawChapterDiagram(join(dir, 'out/lang-fw/examples/010-hello'))).status).toBe('drawn');
    child = spawn(process.execPath, [join(ROOT, 'bin/stackdoc.js'), 'preview', ...args, '--watch'], { cwd: dir });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    profileDir = mkdtempSync(join(tmpdir(), 'stackdoc-chromium-'));
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1100, height: 800 },
    });
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    child?.kill();
    rmSync(profileDir, { recursive: true, force: true });
  });

  it('shows the matrix, an article with provenance and unfilled holes, and reloads after an edit', async () => {
    const url = (await waitFor(/serving out\/preview\/ at (http:\/\/127\.0\.0\.1:\d+\/)/))[1]!;
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    page.on('requestfailed', (request) => {
      if (!request.url().endsWith('/__stackdoc/events')) problems.push(`request failed: ${request.url()}`);
    });

    // The index: one row for the stack, the chapter's holes, its example tree and check findings.
    await page.goto(url);
    const cell = page.locator('td[data-chapter="Hello"]');
    await expect.poll(() => cell.textContent()).toMatch(/\d+ filled, 2 unfilled/);
    expect(await cell.textContent()).toMatch(/010-hello: failing/); // built but never tested
    expect(await cell.textContent()).toMatch(/check: \d+ findings? \(.*unfilled-hole/);
    await page.screenshot({ path: join(SHOTS, 'index.png'), fullPage: true });

    // Follow the stack's link into its article.
    await page.click('a[href="lang-fw/index.html"]');
    await page.waitForURL(/lang-fw\/index\.html$/);
    expect(await page.locator('h1#ch-hello').textContent()).toBe('Hello');

    // A filled hole says which layer and file filled it, as `explain` does.
    const port = page.locator('.hole.filled', { hasText: '8080' }).first();
    await port.hover();
    const tooltip = page.locator('#provenance');
    await tooltip.waitFor({ state: 'visible' });
    const shown = (await tooltip.textContent())!;
    expect(shown).toMatch(/^app\.port  \(stack lang-fw\)\n  hole: skeleton\.md:10:\d+ \(slot\)\n/);
    const explain = stackdoc(['explain', 'app.port', 'skeleton.md', '--profiles', 'profiles'], dir).stdout;
    const provenance = explain.split('\n').filter((l) => /^  (filled by|overrides)/.test(l));
    expect(provenance).toEqual(['  filled by value from layer lang/fw: profiles/lang/fw/values.yaml:4:3', '  overrides: base (profiles/base/values.yaml:6:3)']);
    for (const line of provenance) expect(shown).toContain(line);

    // An unfilled hole stands out, with its brief.
    const unfilled = page.locator('.hole.unfilled', { hasText: 'Никто не заполняет эту дыру' });
    expect(await unfilled.isVisible()).toBe(true);
    expect(await unfilled.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');

    // The snippet links to the example file it was cut from; the diagram is shown.
    expect(await page.locator('.snippet-source a').getAttribute('href')).toBe('examples/010-hello/stapel/werf.yaml.html#L1');
    const diagram = page.locator('img.hole[src="examples/010-hello/diagram.svg"]');
    await expect.poll(() => diagram.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);

    await unfilled.click();
    await page.screenshot({ path: join(SHOTS, 'article.png'), fullPage: true });
    expect(statSync(join(SHOTS, 'article.png')).size).toBeGreaterThan(10_000);

    // Saving the skeleton unchanged rebuilds nothing new: the page is left alone.
    let loads = 0;
    page.on('load', () => loads++);
    const before = output.length;
    writeFileSync(join(dir, 'skeleton.md'), readFileSync(join(dir, 'skeleton.md')));
    await waitFor(/\[preview\] out\/preview\/: unchanged/, before);
    await new Promise((r) => setTimeout(r, 500));
    expect(loads).toBe(0);

    // An edit to the skeleton rebuilds the site and the open page reloads itself.
    const reloaded = page.waitForEvent('load', { timeout: 20_000 });
    const mark = output.length;
    appendFileSync(join(dir, 'skeleton.md'), '\nАбзац, дописанный во время просмотра.\n');
    await waitFor(/\[preview\] out\/preview\/: 1 stack/, mark);
    await reloaded;
    await page.locator('text=Абзац, дописанный во время просмотра.').waitFor();

    expect(problems).toEqual([]);
  });
});
