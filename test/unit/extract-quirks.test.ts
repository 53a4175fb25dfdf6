import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractRiskFactors } from '../../src/extract/extract-risk-factors.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/extract/${name}`, import.meta.url));

interface Case {
  file: string;
  quirk: string;
  form?: string;
  heading: string;
  categories: string[];
  headings: string[];
  firstWords: string;
  lastWords: string;
}

/** One row per real-filing quirk; each fixture file says what it models. */
const cases: Case[] = [
  {
    file: 'toc-links.htm',
    quirk: 'TOC links and a TOC row with a page number precede the section',
    heading: 'Item 1A. Risk Factors',
    categories: ['Risks Related to Our Business', 'Risks Related to Our Stock'],
    headings: [
      'Competition could adversely impact our market share and financial results.',
      'We depend on a small number of suppliers.',
      'Our stock price may be volatile.',
    ],
    firstWords: 'The following risk factors should be considered in addition to the other',
    lastWords: 'fluctuated and may continue to fluctuate widely for reasons outside our control.',
  },
  {
    file: 'summary-list.htm',
    quirk: 'a Summary of Risk Factors bullet list in the prospectus summary',
    heading: 'RISK FACTORS',
    categories: ['Risks Related to Our Business', 'Risks Related to This Offering'],
    headings: [
      'We have a limited operating history, which makes it difficult to evaluate our prospects.',
      'We may need additional capital, which may not be available on acceptable terms.',
      'An active trading market for our common stock may never develop.',
    ],
    firstWords: 'Investing in our common stock involves a high degree of risk. Before',
    lastWords: 'may not reflect the price at which you can later sell it.',
  },
  {
    file: 'sentence-case.htm',
    quirk: 'sentence-case headings; the section heading rendered by text-transform',
    heading: 'Risk factors',
    categories: ['Risks related to our financial position', 'General risk factors'],
    headings: [
      'We have incurred significant losses since our inception and anticipate continued losses.',
      'We will need substantial additional funding to complete development.',
      'Unfavorable global economic conditions could harm our business.',
    ],
    firstWords: 'Investing in our common stock involves a high degree of risk. Before',
    lastWords: 'available to us and the demand for medicines that we may develop.',
  },
  {
    file: 'css-bold-split-spans.htm',
    quirk: 'CSS-only emphasis (inline and class rules) and headings split across spans',
    heading: 'ITEM 1A. RISK FACTORS',
    categories: ['Risks Specific to our Company'],
    headings: [
      'We generate a significant portion of our revenues from advertising, and reduced spending could harm our business.',
      'Our international operations expose us to additional risks.',
    ],
    firstWords:
      'Our operations and financial results are subject to various risks and uncertainties,',
    lastWords: 'to local laws, currency swings and political uncertainty that can hurt results.',
  },
  {
    file: 'running-header.htm',
    quirk: 'running page header, page numbers and TOC links between paragraphs',
    heading: 'Item 1A. Risk Factors',
    categories: ['STRATEGIC RISKS'],
    headings: [
      'Our growth depends on opening new stores in new markets.',
      'Disruptions in our supply chain could hurt sales.',
    ],
    firstWords: 'Our business is subject to many risks and uncertainties, and the risks',
    lastWords: 'world whose deliveries can be delayed by weather, ports and trade disputes.',
  },
  {
    file: 'ixbrl.htm',
    quirk: 'inline XBRL header and hidden elements dropped, nonNumeric wrappers kept',
    heading: 'Item 1A. Risk Factors',
    categories: [],
    headings: ['Demand for our products may decline.', 'We face risks from cyber-attacks.'],
    firstWords:
      'You should carefully consider the risks described below, which could materially affect',
    lastWords: 'disrupt operations and expose customer data, leading to costs and lost business.',
  },
  {
    file: 'tables.htm',
    quirk: 'heading as a two-cell table row, bullets as tables, a data table in a body',
    heading: 'Item 1A. Risk Factors',
    categories: ['Business and Industry Risks'],
    headings: [
      'We Face Intense Competition',
      'Our International Operations Expose Us to a Number of Risks',
    ],
    firstWords:
      'Please carefully consider the following discussion of significant factors, events, and uncertainties',
    lastWords: 'Changes in trade policy could reduce that share and hurt our results.',
  },
  {
    file: 'run-in-headings.htm',
    quirk: 'run-in italic headings ending in a colon',
    heading: 'Item 1A. Risk Factors:',
    categories: ['Risks Related to Our Business', 'Risks Related to Ownership of Our Securities'],
    headings: [
      "Downturn in Economic Environment Could Impact the Company's Business:",
      'Failure of Innovation Initiatives Could Impact the Company:',
      'The Price of Our Stock May Fluctuate:',
    ],
    firstWords: 'Risks Related to Our Business Downturn in Economic Environment Could Impact the',
    lastWords: 'the price of our securities in ways that are hard to predict.',
  },
  {
    file: 'prospectus-running-header.htm',
    quirk: 'the section name as a running page header inside the section',
    heading: 'RISK FACTORS',
    categories: [],
    headings: [
      'We have never been profitable.',
      'We may not obtain regulatory approval.',
      'We depend on key personnel.',
      'Our stock price may be volatile.',
      'Future sales of our stock could depress its price.',
    ],
    firstWords: 'Investing in our stock involves a high degree of risk. Consider the',
    lastWords: 'of shares may sell them after the lock-up period ends, which could lower the price.'
      .split(' ')
      .slice(-12)
      .join(' '),
  },
  {
    file: 'split-item-heading.htm',
    quirk: '"Item 1A." and "Risk Factors" split; one-cell-table headings; underlined categories',
    heading: 'Item 1A. Risk Factors',
    categories: ['Risks Related to Our Operations'],
    headings: ['Our plants are concentrated in one region.', 'Input costs are volatile.'],
    firstWords:
      'You should consider the following risks, which could materially affect our business,',
    lastWords: 'may not be able to pass higher costs on to our customers.',
  },
  {
    file: 'no-categories.htm',
    quirk: 'no categories; a Title-Case factor heading that ends in "Risks"',
    heading: 'Item 1A. Risk Factors',
    categories: [],
    headings: [
      'We Face Intense Competition',
      'Our International Operations Expose Us to a Number of Risks',
      'We Depend on Key Personnel',
    ],
    firstWords:
      'Please carefully consider the following risks, which could materially affect our business',
    lastWords: 'our operations and slow the growth of the business for some time.',
  },
  {
    file: 'layout-table.htm',
    quirk: 'pages laid out in one-cell tables; a TOC row stays one line',
    form: 'S-1',
    heading: 'RISK FACTORS',
    categories: ['Risks Related to Our Business'],
    headings: [
      'We have a history of losses.',
      'We rely on one product.',
      'We face strong competition.',
      'Our founder controls the company.',
    ],
    firstWords: 'Investing in our securities involves a high degree of risk. Consider these',
    lastWords: 'the votes and can decide most matters that come before our stockholders.',
  },
  {
    file: 'sgml-submission.txt',
    quirk: 'SGML full-submission wrapper: the primary document picked by <TYPE>',
    heading: 'RISK FACTORS',
    categories: [],
    headings: [
      'We have a history of losses and may not become profitable.',
      'Our founders control the company.',
    ],
    firstWords: 'Investing in our common stock involves a high degree of risk. You',
    lastWords: 'most of the voting power and can decide matters on their own.',
  },
];

describe('extraction quirks, one fixture each', () => {
  it.each(cases)('$file: $quirk', (c) => {
    const r = extractRiskFactors(fixture(c.file), c.form ? { form: c.form } : {});
    expect(r.reason).toBeNull();
    expect(r.found).toBe(true);
    expect(r.section!.heading).toBe(c.heading);
    expect(r.categories).toEqual(c.categories);
    expect(r.riskFactors.map((f) => f.heading)).toEqual(c.headings);
    expect(r.section!.firstWords).toBe(c.firstWords);
    expect(r.section!.lastWords).toBe(c.lastWords);
  });

  it('keeps page furniture out of headings and text, and joins a paragraph split by a page break', () => {
    const r = extractRiskFactors(fixture('running-header.htm'));
    const all = r.riskFactors.map((f) => `${f.heading}\n${f.text}`).join('\n');
    expect(all).not.toMatch(/Acme Corp\.|Table of Contents|^\d+$/m);
    expect(r.section!.wordCount).toBeGreaterThan(60);
  });

  it('keeps bullets and flattened tables in the body, without bullet glyphs in word counts', () => {
    const r = extractRiskFactors(fixture('tables.htm'));
    expect(r.riskFactors[0]!.text).toContain('retailers and distributors of every kind;');
    expect(r.riskFactors[1]!.text).toContain('Year International share\n\n2023 23%\n\n2024 24%');
    // Counted by hand from the fixture: 14 + 6 + 5 words; the two "•" cells are not words.
    expect(r.riskFactors[0]!.wordCount).toBe(25);
    expect(r.riskFactors[0]!.text).not.toContain('•');
    // 13 + "Year International share" 3 + "2023 23%" 2 + "2024 24%" 2 + 12.
    expect(r.riskFactors[1]!.wordCount).toBe(32);
  });

  it('gives each risk factor an id that survives restyling between versions, changes with the wording, and is distinct within a filing', () => {
    const version = (headings: string[], style: string, body: string) =>
      Buffer.from(`<html><body><p><b>Item 1A. Risk Factors</b></p>
<p>Our business faces the risks below, any of which could materially harm our results and the value of our stock.</p>
${headings.map((h) => `<p><span style="${style}">${h}</span></p><p>${body}</p>`).join('\n')}
<p><b>Item 1B. Unresolved Staff Comments</b></p><p>None.</p></body></html>`);
    const v1 = extractRiskFactors(
      version(
        [
          'We may lose key customers.',
          'Our costs may rise.',
          'Our costs may rise.',
          'We depend on one plant.',
        ],
        'font-weight:bold',
        'Customers can leave on short notice and several of them have done so in recent years.',
      ),
      { form: '10-K' },
    );
    // The next year: italic instead of bold, extra spaces, no final period, other bodies; one heading reworded.
    const v2 = extractRiskFactors(
      version(
        [
          'We  may lose key customers',
          'Our costs may rise.',
          'We depend on one plant and one supplier.',
        ],
        'font-style:italic',
        'A different paragraph of body text, long enough to read as a paragraph of a risk factor.',
      ),
      { form: '10-K' },
    );
    expect(v1.riskFactors.map((f) => f.heading)).toEqual([
      'We may lose key customers.',
      'Our costs may rise.',
      'Our costs may rise.',
      'We depend on one plant.',
    ]);
    expect(v2.riskFactors).toHaveLength(3);
    const [lose1, costs1, costsAgain, plant1] = v1.riskFactors.map((f) => f.id);
    const [lose2, costs2, plant2] = v2.riskFactors.map((f) => f.id);
    for (const id of [lose1, costs1, plant1]) expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(lose2).toBe(lose1); // same wording, other style, spacing and final period
    expect(costs2).toBe(costs1);
    expect(plant2).not.toBe(plant1); // reworded heading: another factor id
    expect(costsAgain).toBe(`${costs1}-2`); // a repeated heading in one filing still gets its own id
    expect(new Set([lose1, costs1, costsAgain, plant1]).size).toBe(4);
  });

  it('reads the SGML submission type as the form, and the cover page when there is none', () => {
    expect(extractRiskFactors(fixture('sgml-submission.txt')).form).toBe('S-1');
    expect(extractRiskFactors(fixture('toc-links.htm')).form).toBe('10-K');
    expect(extractRiskFactors(fixture('toc-links.htm'), { form: '10-K/A' }).form).toBe('10-K/A');
  });

  it('reports "Not applicable" under Item 1A as a finding, not a failure', () => {
    const r = extractRiskFactors(fixture('not-applicable.htm'));
    expect(r.found).toBe(false);
    expect(r.reason).toBe('Item 1A. Risk Factors states: Not applicable.');
    expect(r.riskFactors).toEqual([]);
  });
});

describe('where a prospectus section ends', () => {
  const doc = (next: string) => `<html><body>
<div style="font-weight:bold;font-size:16pt">Risk factors</div>
<div>Investing in our stock involves risk. Consider the risks below with the rest of this prospectus before you invest in it.</div>
<div style="font-weight:bold;font-style:italic">We have never been profitable.</div>
<div>We have had net losses every year since we were founded and expect them to continue for years.</div>
<div style="font-weight:bold;font-size:16pt">${next}</div>
<div>Our market is large and growing quickly according to industry sources we have not verified.</div>
<div style="font-weight:bold;font-size:16pt">Use of proceeds</div>
<div>We expect net proceeds of $20 million.</div>
</body></html>`;

  it('a table of contents in plain paragraphs does not pass for the section, however long the summary after it', () => {
    const summary =
      '<p>We are a company with a long story to tell in this prospectus summary, told at length here.</p>'.repeat(
        40,
      );
    const html = `<html><body><p>Prospectus Summary</p><p>Risk Factors</p><p>Use of Proceeds</p>
<p align="center"><b>OVERVIEW OF OUR OPPORTUNITY</b></p>${summary}
<p align="center"><b>RISK FACTORS</b></p>
<p>Investing in our stock involves risk; consider the risk below before you decide to invest in this offering.</p>
<p><b><i>We have never been profitable.</i></b></p><p>We have had net losses every year since we were founded and expect more.</p>
<p align="center"><b>USE OF PROCEEDS</b></p><p>We expect net proceeds of $20 million.</p></body></html>`;
    const r = extractRiskFactors(Buffer.from(html), { form: 'S-1' });
    expect(r.section!.firstWords).toBe(
      'Investing in our stock involves risk; consider the risk below before you',
    );
    expect(r.riskFactors.map((f) => f.heading)).toEqual(['We have never been profitable.']);
  });

  it('ends at a sibling heading in the same display style even when its name is not a known one', () => {
    const r = extractRiskFactors(Buffer.from(doc('Industry overview')), { form: 'S-1' });
    expect(r.section!.lastWords).toBe(
      'year since we were founded and expect them to continue for years.',
    );
  });
});

describe('one filer, several spellings of the same heading style', () => {
  it('treats explicit black and no colour, and half-point size differences, as one style', () => {
    const html = `<html><body><p><b>Item 1A. Risk Factors</b></p>
<p>Our business faces the risks below, any of which could materially harm our results and the value of our stock.</p>
<p style="font-size:10pt"><b style="color:#000000">We may lose key customers.</b></p><p>Customers can leave on short notice and several of them have done so in the past few years.</p>
<p style="font-size:10.5pt"><b>Our costs may rise.</b></p><p>Prices for energy and labor have risen and may keep rising faster than we can raise our own prices.</p>
<p style="font-size:10pt"><b style="color:black">We depend on one plant.</b></p><p>Nearly all of our products are made in one plant, and an outage there would stop our shipments.</p>
<p><b>Item 1B. Unresolved Staff Comments</b></p><p>None.</p></body></html>`;
    const r = extractRiskFactors(Buffer.from(html), { form: '10-K' });
    expect(r.riskFactors.map((f) => f.heading)).toEqual([
      'We may lose key customers.',
      'Our costs may rise.',
      'We depend on one plant.',
    ]);
  });
});

describe('partial emphasis inside a heading', () => {
  it('a bold-italic heading with a roman word in it is still a bold-italic heading', () => {
    const html = `<html><body><p><b>Item 1A. Risk Factors</b></p>
<p>Our business faces the risks below, any of which could materially harm our results and the value of our stock.</p>
<p><b><i>We may lose key customers to competitors.</i></b></p><p>Customers can leave on short notice and several of them have done so in the past few years.</p>
<p><b><i>Our agreement with </i>Advanced Micro<i> may end.</i></b></p><p>The agreement can be ended by either party on ninety days notice for any reason.</p>
<p><b><i>We depend on one plant for our products.</i></b></p><p>Nearly all of our products are made in one plant, and an outage there would stop our shipments.</p>
<p><b>Item 1B. Unresolved Staff Comments</b></p><p>None.</p></body></html>`;
    const r = extractRiskFactors(Buffer.from(html), { form: '10-K' });
    expect(r.riskFactors.map((f) => f.heading)).toEqual([
      'We may lose key customers to competitors.',
      'Our agreement with Advanced Micro may end.',
      'We depend on one plant for our products.',
    ]);
  });
});

describe('older HTML', () => {
  it('reads <font size=N> as a size, so a small capital sub-heading does not end the section but a sibling does', () => {
    const html = `<html><body><p align="center"><font size="4"><b>RISK FACTORS</b></font></p>
<p><font size="2">Investing in our stock involves risk; consider the risks below before you decide to invest in our stock.</font></p>
<p><font size="2"><b><i>We depend on one product.</i></b></font></p><p><font size="2">Nearly all revenue comes from one product line, so a decline in it would hurt results.</font></p>
<p align="center"><font size="2"><b>OUR PRODUCTS</b></font></p>
<p><font size="2"><b><i>Our products may have defects.</i></b></font></p><p><font size="2">Defects could lead to recalls and claims, and could damage our reputation with customers.</font></p>
<p align="center"><font size="+1"><b>THE TECHNOLOGY</b></font></p><p><font size="2">Our technology is described here.</font></p></body></html>`;
    const r = extractRiskFactors(Buffer.from(html), { form: 'S-1' });
    expect(r.riskFactors.map((f) => f.heading)).toEqual([
      'We depend on one product.',
      'Our products may have defects.',
    ]);
    expect(r.section!.lastWords).toBe(
      'lead to recalls and claims, and could damage our reputation with customers.',
    );
  });
});

describe('a summary list inside the section without a "Risk Factors" heading after it', () => {
  it('keeps the summary heading out of the categories and the bullets out of the factors', () => {
    const html = `<html><body><p align="center"><b>RISK FACTORS</b></p>
<p>Investing in our stock involves risk; consider the risks below before you decide to invest in our stock.</p>
<p><b>Summary of Risk Factors</b></p><p>• We depend on one product.</p><p>• Our products may have defects.</p>
<p><b>Risks Related to Our Business</b></p>
<p><b><i>We depend on one product.</i></b></p><p>Nearly all revenue comes from one product line, so a decline in it would hurt results.</p>
<p><b><i>Our products may have defects.</i></b></p><p>Defects could lead to recalls and claims, and could damage our reputation with customers.</p>
<p align="center"><b>USE OF PROCEEDS</b></p><p>We expect net proceeds of $20 million.</p></body></html>`;
    const r = extractRiskFactors(Buffer.from(html), { form: 'S-1' });
    expect(r.categories).toEqual(['Risks Related to Our Business']);
    expect(r.riskFactors.map((f) => f.heading)).toEqual([
      'We depend on one product.',
      'Our products may have defects.',
    ]);
  });
});
