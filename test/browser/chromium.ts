/**
 * Debian's chromium driven by playwright-core: no browser download, which
 * the CI machine could not fetch anyway.
 */
import type axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './local-worker';

declare global {
  interface Window {
    axe: typeof axe;
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A phone-sized page: most OCOP shoppers browse on a phone. */
export async function openMobilePage(browser: Browser, options: { userAgent?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    ...options,
  });
  return context.newPage();
}

const blockingImpacts: axe.ImpactValue[] = ['serious', 'critical'];

let axeScript: Promise<string> | undefined;
const axeSource = () => (axeScript ??= readFile(join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));

/** Runs axe-core on the page and returns the serious and critical violations. */
export async function blockingViolations(page: Page): Promise<axe.AxeResults['violations']> {
  // Evaluated through the debugging protocol, which the pages' Content Security Policy does not
  // govern: a script tag would be refused, as any injected script should be.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await axeSource());
  const results = await page.evaluate(() => window.axe.run(document));
  return results.violations.filter((violation) => violation.impact && blockingImpacts.includes(violation.impact));
}

/** One line per failing node, so a failed assertion says what to fix and where. */
export function describeViolations(violations: axe.AxeResults['violations']): string {
  return violations
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `[${violation.impact}] ${violation.id}: ${violation.help} at ${node.target.join(' ')}\n  ${node.failureSummary ?? ''}`,
      ),
    )
    .join('\n');
}

/**
 * The innermost elements that reach past `width` CSS pixels, as "tag.class: text", so a failed
 * 360 px check says what to fix rather than only by how much the page scrolls sideways.
 */
export function overflowingElements(page: Page, width: number): Promise<string[]> {
  return page.evaluate((limit) => {
    const wide = Array.from(document.body.querySelectorAll('*')).filter((element) => {
      return element.getBoundingClientRect().right > limit + 0.5;
    });
    return wide
      .filter((element) => !wide.some((other) => other !== element && element.contains(other)))
      .slice(0, 5)
      .map((element) => {
        const name = `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''}`;
        return `${name}: ${(element.textContent ?? '').trim().slice(0, 60)}`;
      });
  }, width);
}
