// axe-core in the page as it runs, under the app's real CSP. The CSP allows no inline script, so
// `page.addScriptTag({ content })` would be refused; `page.evaluate(source)` runs through the DevTools protocol,
// which the page's CSP does not govern, so the policy stays on (no `bypassCSP`) and is tested along the way.
import { createRequire } from 'node:module';

const axe = createRequire(import.meta.url)('axe-core');

/** Violations of impact serious or critical on the page as it is now (shadow roots included, as axe does). */
export async function seriousViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One paragraph per rule: impact, rule, what it asks, and each offending element with axe's summary. */
export function describeViolations(violations) {
  return violations.map((v) => [
    `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
    ...v.nodes.slice(0, 8).map((n) => `    at ${n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' ')}\n      ${n.html.slice(0, 160)}\n      ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`),
    ...(v.nodes.length > 8 ? [`    … and ${v.nodes.length - 8} more`] : []),
  ].join('\n')).join('\n\n');
}
