import { describe, expect, it } from 'vitest';
import { diffSections, type DiffInput } from '../../src/diff/diff-sections.js';
import { escapeHtml, renderHtml } from '../../src/diff/render-html.js';
import { renderText } from '../../src/diff/render-text.js';

const long = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
const oldSection: DiffInput = {
  riskFactors: [
    {
      heading: 'We rely on <b>one</b> supplier.',
      text: `${long} Supply could stop.`,
      category: 'Risks & Uncertainties',
    },
    {
      heading: 'Old risk to be removed.',
      text: 'This text goes away entirely from the next version of the filing.',
      category: null,
    },
  ],
};
const newSection: DiffInput = {
  riskFactors: [
    {
      heading: 'We rely on <b>one</b> supplier.',
      text: `${long} Supply could stop <script>alert(1)</script>.`,
      category: 'Risks & Uncertainties',
    },
    {
      heading: 'Hostile <img src=x onerror="alert(2)"> heading.',
      text: 'Export controls <iframe src="javascript:alert(3)"></iframe> could hurt us.',
      category: null,
    },
  ],
};
const diff = diffSections(oldSection, newSection, { keywords: ['export control'] });
const meta = { title: 'Acme <Corp> S-1/A', oldLabel: 'S-1 "v1"', newLabel: "S-1/A 'v2'" };

describe('HTML redline', () => {
  const html = renderHtml(diff, meta);

  it('escapes every piece of filing text: markup in a filing renders as text', () => {
    expect(html).not.toMatch(/<script|<img|<iframe|<b>one/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
    expect(html).toContain('Acme &lt;Corp&gt; S-1/A');
    expect(escapeHtml(`<a href='x'>&`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;');
  });

  it('uses inline styles only (no <style>, no classes), as Gmail and Outlook need', () => {
    expect(html).not.toMatch(/<style|class=/i);
    expect(html).toMatch(
      /Supply could <span style="[^"]*text-decoration:line-through;[^"]*">stop\.<\/span> <span style="[^"]*text-decoration:underline;[^"]*">stop &lt;script&gt;/,
    );
    expect(html).toMatch(
      /<span style="[^"]*text-decoration:line-through;[^"]*">Old risk to be removed\.<\/span>/,
    );
  });

  it('puts the summary table first and collapses long unchanged text', () => {
    expect(html.indexOf('Unchanged')).toBeLessThan(html.indexOf('Reworded</span>'));
    expect(html).toMatch(/\[&hellip; \d+ unchanged words &hellip;\]/);
    expect(html).not.toContain('word50 ');
  });

  it('calls out watched phrases', () => {
    expect(html).toContain('&ldquo;export control&rdquo; in new risk factor');
  });
});

describe('text redline', () => {
  it('marks insertions and deletions without colour for mail and pipes', () => {
    const text = renderText(diff, { color: false });
    expect(text.split('\n')[0]).toBe(
      `Risk factors 2 -> 2: 1 added, 1 removed, 1 reworded, 0 moved, 0 unchanged; section similarity ${diff.similarity.toFixed(3)}`,
    );
    expect(text).toContain('Supply could [-stop.-] {+stop <script>alert(1)</script>.+}');
    expect(text).toContain('[-stop.-]');
    expect(text).toContain('! watched phrase "export control" in new risk factor');
    expect(text).not.toContain('\x1b[');
  });

  it('colours for a terminal', () => {
    const text = renderText(diff, { color: true });
    expect(text).toContain('\x1b[32;4m');
    expect(text).toContain('\x1b[31;9m');
  });
});
