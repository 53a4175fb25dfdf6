import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractRiskFactors } from '../../src/extract/extract-risk-factors.js';
import { formFamily } from '../../src/extract/detect-form.js';
import { preformattedText } from '../../src/extract/preformatted.js';
import { diffSections } from '../../src/diff/diff-sections.js';
import { SUMMARY_HEADING } from '../../src/extract/heading-shapes.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/extract/${name}`, import.meta.url));

interface Case {
  file: string;
  shape: string;
  form?: string;
  categories: string[];
  /** [category, heading] of each risk factor, in order. */
  factors: [string | null, string][];
  preamble?: string | RegExp;
  summary?: { categories: string[]; items: string[] } | null;
  categoryIntros?: { category: string; text: string }[];
}

/** One row per failure shape seen on filings outside the corpus (issue 12); each fixture says what it models. */
const cases: Case[] = [
  {
    file: 'in-section-summary.htm',
    shape: 'a summary of category headings and one-line bullets opens the section',
    categories: [
      'Risks Related to Our Business and Industry',
      'Risks Related to Legal and Regulatory Matters',
    ],
    factors: [
      [
        'Risks Related to Our Business and Industry',
        'Competition in our markets is intense and could reduce our sales and margins.',
      ],
      [
        'Risks Related to Our Business and Industry',
        'We depend on a limited number of suppliers for key components.',
      ],
      [
        'Risks Related to Legal and Regulatory Matters',
        'Export controls could restrict our ability to sell products abroad.',
      ],
    ],
    preamble:
      /^Our business is subject to many risks\..*follows below and should be read together with the rest of this report\.$/,
    summary: {
      categories: [
        'Risks Related to Our Business and Industry',
        'Risks Related to Legal and Regulatory Matters',
      ],
      items: [
        'Competition in our markets could reduce our sales.',
        'We depend on a limited number of suppliers for key parts.',
        'Export controls could restrict our sales abroad.',
      ],
    },
  },
  {
    file: 'in-section-summary-untitled.htm',
    shape:
      'a summary without a title: category headings over bullets, repeated over the full factors',
    categories: [
      'Risks Related to Our Business and Industry',
      'Risks Related to Legal and Regulatory Matters',
    ],
    factors: [
      [
        'Risks Related to Our Business and Industry',
        'Competition in our markets is intense and could reduce our sales and margins.',
      ],
      [
        'Risks Related to Our Business and Industry',
        'We depend on a limited number of suppliers for key components.',
      ],
      [
        'Risks Related to Legal and Regulatory Matters',
        'Export controls could restrict our ability to sell products abroad.',
      ],
    ],
    preamble: /^Our business is subject to many risks\./,
    summary: {
      categories: [
        'Risks Related to Our Business and Industry',
        'Risks Related to Legal and Regulatory Matters',
      ],
      items: [
        'Competition in our markets could reduce our sales.',
        'We depend on a limited number of suppliers for key parts.',
        'Export controls could restrict our sales abroad.',
      ],
    },
  },
  {
    file: 'in-section-summary-list.htm',
    shape:
      'a summary printed as a CSS-bulleted list (no glyphs, no categories, a bold item) opens the section',
    categories: ['Risks Related to Our Business', 'Risks Related to Regulation'],
    factors: [
      [
        'Risks Related to Our Business',
        'Our revenue depends on the prices of crypto assets and the volume of transactions on our platform.',
      ],
      [
        'Risks Related to Our Business',
        'We face intense competition from other platforms and from traditional financial firms.',
      ],
      [
        'Risks Related to Regulation',
        'Changes in laws and regulations could limit the products we can offer.',
      ],
    ],
    preamble:
      'Our business is subject to various risks and uncertainties. The most significant include the following:',
    summary: {
      categories: [],
      items: [
        'Our revenue depends on the prices of crypto assets, which are volatile.',
        'We face intense competition from other platforms.',
        'Regulatory changes could limit our products.',
      ],
    },
  },
  {
    file: 'preamble-subheadings.htm',
    shape: 'a repeated title, a forward-looking note and "General" before the first factor',
    categories: [],
    factors: [
      [null, 'We have a history of losses and may never become profitable.'],
      [null, 'Our operating results may fluctuate significantly from quarter to quarter.'],
      [null, 'We may be unable to protect our intellectual property.'],
    ],
    preamble:
      /^Risk Factors\n\nCautionary Note Regarding Forward-Looking Statements\n\nThis report contains .*\n\nGeneral\n\nAn investment in our securities is speculative\. .*before investing\.$/,
    summary: null,
  },
  {
    file: 'running-header-in-section.htm',
    shape: 'a running header styled like a factor heading, recurring too rarely to be furniture',
    categories: [],
    factors: [
      [null, 'We have a limited operating history and our future results are uncertain.'],
      [null, 'We depend on one contract manufacturer for all of our robots.'],
    ],
    preamble: 'An investment in our shares is speculative and involves a high degree of risk.',
  },
  {
    file: 'one-category-one-factor.htm',
    shape: 'one category heading (ending with a period) and one factor under it',
    categories: ['Risks Related to This Offering.'],
    factors: [
      [
        'Risks Related to This Offering.',
        'Sales of a substantial number of shares by the selling stockholders could cause our stock price to fall.',
      ],
    ],
    preamble: /^Investing in our securities involves a high degree of risk\./,
    categoryIntros: [
      {
        category: 'Risks Related to This Offering.',
        text: 'The following risk relates specifically to the resale of shares by the selling stockholders.',
      },
    ],
  },
  {
    file: 'one-factor-italic-intro.htm',
    shape:
      'one category, one factor, and an italic introduction whose style ties the factor heading',
    categories: ['Risks Related to the Resale Offering'],
    factors: [
      [
        'Risks Related to the Resale Offering',
        'The resale of shares by the selling stockholder may cause the market price of our common stock to decline.',
      ],
    ],
    preamble: /^An investment in our common stock involves risks\. .*this prospectus supplement\.$/,
    categoryIntros: [],
  },
  {
    file: 'one-category-one-factor-same-style.htm',
    shape: 'one category and one factor set in the same style, neither ending with a period',
    categories: ['Risks Related to the Offering'],
    factors: [
      [
        'Risks Related to the Offering',
        'Future Sales of Our Common Stock by the Selling Stockholders May Depress Our Stock Price',
      ],
    ],
    categoryIntros: [],
  },
  {
    file: 'category-intro.htm',
    shape: 'text between a category heading and its first factor',
    categories: ['Risks Related to Our Business', 'Risks Related to Our Indebtedness'],
    factors: [
      ['Risks Related to Our Business', 'We have a limited operating history.'],
      ['Risks Related to Our Indebtedness', 'Our debt could limit our flexibility.'],
    ],
    preamble: 'Investing in our common stock involves a high degree of risk.',
    categoryIntros: [
      {
        category: 'Risks Related to Our Indebtedness',
        text: 'We had $400 million of debt outstanding as of December 31, 2024, under our credit facility.',
      },
    ],
  },
  {
    file: 'summary-subheading-section.htm',
    shape:
      'a long "Risk Factors" sub-heading in the prospectus summary competes with the real section',
    categories: [],
    factors: [
      [null, 'We have a history of losses.'],
      [null, 'Our market is competitive.'],
    ],
    preamble: 'Investing in our common stock involves a high degree of risk.',
  },
  {
    file: 'form-20f.htm',
    shape: '20-F: "D." and "Risk Factors" in separate cells under Item 3, italic-only factors',
    categories: ['Risks Relating to Our Business', 'Risks Relating to Our Ordinary Shares'],
    factors: [
      [
        'Risks Relating to Our Business',
        'We depend on a small number of customers for a large part of our revenue.',
      ],
      [
        'Risks Relating to Our Business',
        'Fluctuations in exchange rates could reduce our reported results.',
      ],
      [
        'Risks Relating to Our Ordinary Shares',
        'As a foreign private issuer we follow home-country governance practices.',
      ],
    ],
  },
  {
    file: 'form-20f-unlettered.htm',
    shape: 'older 20-F: unlettered "Risk factors" under Item 3, short topic labels as headings',
    categories: [],
    factors: [
      [null, 'Competition'],
      [null, 'Currency fluctuations'],
      [null, 'Regulation of tariffs'],
    ],
  },
  {
    file: 'plain-text-20f-underlined-sentence-case.txt',
    shape:
      'plain-text 20-F: "Risk factors" in sentence case over "- ------------", no item letter; sentence-case phrase headings',
    categories: [],
    factors: [
      [null, 'Dependence on a small number of customers'],
      [null, 'Fluctuations in the exchange rate of the euro'],
      [null, 'Conditions in Israel may affect our operations'],
    ],
    preamble: '',
  },
  {
    file: 'plain-text-caps-introduction.txt',
    shape:
      'plain-text S-1: an introduction in capitals over several lines, ending in a colon, above capital factor headings',
    form: 'S-1',
    categories: [],
    factors: [
      [null, 'WE HAVE A HISTORY OF LOSSES AND EXPECT LOSSES TO CONTINUE.'],
      [null, 'OUR QUARTERLY RESULTS MAY FLUCTUATE AND COULD FALL BELOW EXPECTATIONS.'],
      [null, 'WE DEPEND ON A SINGLE SUPPLIER FOR OUR SENSORS.'],
    ],
    preamble:
      /^IN ADDITION TO THE OTHER INFORMATION IN THIS PROSPECTUS, YOU SHOULD CAREFULLY CONSIDER .* NOT THE ONLY ONES WE FACE:$/,
  },
  {
    file: 'plain-text-caps-noun-phrase-factor.txt',
    shape:
      'plain-text 10-K without Item 1A: a capital noun phrase ending in a full stop among capital sentence headings',
    categories: [],
    factors: [
      [null, 'OUR OPERATING RESULTS MAY FLUCTUATE SIGNIFICANTLY FROM QUARTER TO QUARTER.'],
      [null, 'WE DEPEND ON A SMALL NUMBER OF CUSTOMERS FOR MOST OF OUR REVENUE.'],
      [null, 'DEPENDENCE ON KEY PERSONNEL.'],
      [null, 'OUR PRODUCTS MAY CONTAIN DEFECTS THAT COULD HARM OUR REPUTATION.'],
      [null, 'WE MAY NOT BE ABLE TO PROTECT OUR INTELLECTUAL PROPERTY.'],
    ],
  },
  {
    file: 'plain-text-10ksb.txt',
    shape:
      'plain-text 10-KSB: capitals (wrapped over two lines) and one-sentence lines as headings',
    categories: [
      'RISKS RELATED TO OUR BUSINESS AND OUR INDUSTRY',
      'RISKS RELATED TO OUR COMMON STOCK',
    ],
    factors: [
      [
        'RISKS RELATED TO OUR BUSINESS AND OUR INDUSTRY',
        'We have a limited operating history and may never be profitable.',
      ],
      [
        'RISKS RELATED TO OUR BUSINESS AND OUR INDUSTRY',
        'We depend on our president, and losing him could harm our business.',
      ],
      [
        'RISKS RELATED TO OUR COMMON STOCK',
        'Our stock is thinly traded and its price may be volatile.',
      ],
    ],
  },
  {
    file: 'plain-text-numbered-sb2.txt',
    shape: 'plain-text SB-2: numbered run-in headings, one starting mid-line',
    categories: [],
    factors: [
      [null, 'Limited operating history.'],
      [null, 'Need for additional financing.'],
      [null, 'Dependence on key personnel.'],
      [null, 'No public market.'],
    ],
  },
  {
    file: 'plain-text-numbered-titles.txt',
    shape:
      'plain-text SB-2: headings underlined with dashes, numbered titles on lines of their own',
    form: 'SB-2',
    categories: [],
    factors: [
      [null, 'Limited Operating History'],
      [null, 'Dependence on Management'],
    ],
    preamble:
      'An investment in the shares involves a high degree of risk. You should consider the following risk factors before buying.',
  },
  {
    file: 'plain-text-10k405-factors.txt',
    shape:
      'plain-text 10-K405: the section titled "Factors That May Affect Future Results" inside Item 7, Title-Case run-in headings',
    categories: [],
    factors: [
      [null, 'Dependence on Key Customers.'],
      [null, 'Fluctuations in Quarterly Results.'],
      [null, 'Rapid Technological Change.'],
      [null, 'Year 2000 Compliance.'],
    ],
    preamble:
      "The Company's future operating results may be affected by a number of factors, including those described below. Past performance is not a reliable indicator of future results.",
  },
  {
    file: 'plain-text-caps-factors.txt',
    shape: 'plain-text S-1: factor headings in capitals like the (centred) section titles',
    categories: [],
    factors: [
      [null, 'LIMITED OPERATING HISTORY; HISTORY OF LOSSES'],
      [null, 'DEPENDENCE ON KEY PERSONNEL'],
      [null, 'NO PRIOR PUBLIC MARKET; POSSIBLE VOLATILITY OF STOCK PRICE'],
    ],
    preamble:
      'An investment in the shares offered hereby involves a high degree of risk. Prospective investors should consider the following factors carefully.',
  },
  {
    file: 'plain-text-indented-paragraphs.txt',
    shape:
      'plain-text 10-K: paragraphs marked by indentation only, two run-in headings in capitals',
    categories: [],
    factors: [
      [null, 'WE HAVE A HISTORY OF LOSSES.'],
      [null, 'WE DEPEND ON ONE SUPPLIER.'],
    ],
    preamble: 'You should consider these risks together with the other information in this report.',
  },
  {
    file: 'plain-text-numbered-caps.txt',
    shape: 'plain-text SB-2: numbered headings in capitals on lines of their own',
    categories: [],
    factors: [
      [null, 'LIMITED OPERATING HISTORY.'],
      [null, 'DEPENDENCE ON KEY PERSONNEL.'],
    ],
  },
  {
    file: 'pre-wrapped-10k405.htm',
    shape:
      'an HTML 10-K405 that is a typewritten filing inside <PRE>, section titled "Certain Factors That May Affect Future Operating Results"',
    form: '10-K405',
    categories: [],
    factors: [
      [null, 'Our revenue depends on a small number of service providers.'],
      [null, 'We rely on Taiwan Semiconductor for our chips.'],
    ],
    preamble: 'Our future results are subject to the risks below, among others.',
  },
  {
    file: 'plain-text-wrapped-headings.txt',
    shape:
      'plain-text 10-K: sentence headings wrapped over two lines, flush left over indented bodies',
    categories: [],
    factors: [
      [
        null,
        'We have a history of losses, and we may not achieve or sustain profitability in the future.',
      ],
      [
        null,
        'Our revenue depends on a small number of large hospital systems, and the loss of any of them would reduce our revenue.',
      ],
      [null, 'Our stock price has been volatile and may continue to be volatile in the future.'],
    ],
    preamble: 'The risks described below are not the only ones we face.',
  },
  {
    file: 'plain-text-underlined-titles.txt',
    shape: 'plain-text S-1: unnumbered Title-Case titles underlined with dashes',
    categories: [],
    factors: [
      [null, 'Limited Operating History; History of Losses'],
      [null, 'Dependence on Key Personnel'],
    ],
    preamble: 'An investment in the shares offered hereby involves a high degree of risk.',
  },
  {
    file: 'plain-text-one-line-bodies.txt',
    shape: 'plain-text SB-2: one-line sentence headings over bodies that are one line too',
    categories: [],
    factors: [
      [null, 'We have never made a profit.'],
      [null, 'We need more money to carry out our plans.'],
      [null, 'Our officers control the company.'],
      [null, 'There is no market for our shares.'],
    ],
  },
  {
    file: 'preamble-label-heading.htm',
    shape:
      'an unlisted label styled like the factors opens a section whose factors are all sentences',
    categories: [],
    factors: [
      [null, 'Changes in interest rates could reduce our net interest income.'],
      [null, 'Our loan portfolio is concentrated in commercial real estate.'],
      [null, 'We face strong competition for deposits and loans.'],
    ],
    preamble: /^Business Environment\n\nOur business is affected by economic conditions/,
  },
  {
    file: 'bulleted-headings.htm',
    shape:
      'a bullet before every factor heading (in a cell beside it or in its paragraph); a bold bulleted list inside a factor',
    categories: ['Risks Related to Our Business', 'Risks Related to This Offering'],
    factors: [
      [
        'Risks Related to Our Business',
        'We have a history of losses and may never become profitable.',
      ],
      ['Risks Related to Our Business', 'We depend on three customers for most of our revenue.'],
      [
        'Risks Related to This Offering',
        'Our stock price may be volatile, and you may lose all or part of your investment.',
      ],
    ],
  },
  {
    file: 'caps-clause-headings.htm',
    shape:
      'section titles and factor headings both in bold capitals at body size; short factor headings are clauses',
    categories: [],
    factors: [
      [
        null,
        'WE HAVE A LIMITED OPERATING HISTORY, WHICH MAKES IT DIFFICULT TO EVALUATE OUR BUSINESS AND PROSPECTS',
      ],
      [null, 'WE EXPECT OUR LOSSES TO CONTINUE'],
      [null, 'OUR QUARTERLY RESULTS ARE LIKELY TO FLUCTUATE'],
      [null, 'IF WE CANNOT MANAGE OUR GROWTH, OUR BUSINESS WILL SUFFER'],
    ],
  },
  {
    file: 'noun-phrase-caps-factors.htm',
    shape:
      'flush-left capital topic headings under a centred title, one named like a later section ("DILUTION")',
    categories: [],
    factors: [
      [null, 'LIMITED OPERATING HISTORY; HISTORY OF LOSSES'],
      [null, 'DEPENDENCE ON KEY PERSONNEL'],
      [null, 'COMPETITION'],
      [null, 'DILUTION'],
      [null, 'NO PRIOR PUBLIC MARKET; POSSIBLE VOLATILITY OF STOCK PRICE'],
    ],
  },
  {
    file: 'heading-links-back.htm',
    shape:
      'each section heading a link back to the contents, whose bold entries link to the headings',
    categories: [],
    factors: [
      [null, 'Demand for our products depends on capital spending by utilities.'],
      [null, 'We buy castings from a small number of foundries.'],
      [null, 'Tariffs on steel could raise our costs.'],
    ],
    preamble:
      'Our business faces many risks. The risks described below are the ones we consider material.',
  },
  {
    file: 'cautionary-statement-end.htm',
    shape:
      'titles in bold sentence case like the factors; a "Cautionary Statement Regarding Forward-Looking Statements" follows',
    categories: [],
    factors: [
      [null, 'Sales of shares by the selling stockholders could lower our stock price.'],
      [null, 'We will receive no proceeds from the resale of the shares.'],
    ],
  },
  {
    file: 'plain-text-title-lines.txt',
    shape:
      'plain-text 10-K405: a centred Title-Case "Risk Factors", Title-Case factor titles on lines of their own',
    categories: [],
    factors: [
      [null, 'Dependence on Automotive Industry'],
      [null, 'Raw Material Costs'],
      [null, 'Environmental Matters'],
    ],
  },
  {
    file: 'run-in-punctuation-outside.htm',
    shape:
      'bold run-in titles closed by a full stop outside the bold or by a double hyphen, one of them a single word',
    categories: [],
    factors: [
      [null, 'Limited Operating History; History of Losses.'],
      [null, 'Dependence on Key Personnel.'],
      [null, 'Competition.'],
      [null, 'Shares Eligible for Future Sale'],
    ],
  },
  {
    file: 'numbered-headings.htm',
    shape:
      'numbered factor headings ("1. We have ...") under numbered categories ("I. Risks Related to ...")',
    categories: ['Risks Related to Our Business'],
    factors: [
      ['Risks Related to Our Business', 'We have a limited operating history.'],
      ['Risks Related to Our Business', 'We may need additional capital.'],
      ['Risks Related to Our Business', 'We face intense competition.'],
    ],
  },
  {
    file: 'two-level-categories.htm',
    shape:
      'two levels of categories in styles of their own (centred capitals over bold underlined sub-groups)',
    categories: [
      'RISKS RELATED TO OUR BUSINESS',
      'Risks Related to Our Products',
      'Risks Related to Regulation',
      'RISKS RELATED TO THIS OFFERING',
    ],
    factors: [
      ['Risks Related to Our Products', 'Our products may contain defects.'],
      ['Risks Related to Our Products', 'We depend on a single supplier for our chips.'],
      ['Risks Related to Regulation', 'Export controls could restrict our sales.'],
      ['RISKS RELATED TO THIS OFFERING', 'Our stock price may be volatile.'],
    ],
  },
  {
    file: 'font-family-emphasis.htm',
    shape:
      'headings emphasised only by the font\'s name ("Times New Roman Bold", "Arial-BoldItalicMT")',
    categories: ['Risks Related to Our Operations'],
    factors: [
      ['Risks Related to Our Operations', 'Competition could reduce our market share.'],
      ['Risks Related to Our Operations', 'We may be unable to protect our intellectual property.'],
    ],
  },
  {
    file: 'underlined-run-in.htm',
    shape:
      'underlined run-in titles ("<U>Competition.</U> The Company...") under an underlined title',
    categories: [],
    factors: [
      [null, 'Limited Operating History; History of Losses.'],
      [null, 'Dependence on Key Personnel.'],
      [null, 'Competition.'],
    ],
  },
  {
    file: 'label-categories.htm',
    shape:
      'categories that are one-word labels ("Regulatory", "Credit") in a style of their own, over bold-italic factors',
    categories: ['Regulatory', 'Credit', 'Liquidity'],
    factors: [
      [
        'Regulatory',
        'We operate in a highly regulated industry, and changes in laws could restrict our business.',
      ],
      ['Regulatory', 'We may become subject to enforcement actions.'],
      ['Credit', 'Our allowance for credit losses may be insufficient.'],
      ['Credit', 'Our loan portfolio is concentrated in commercial real estate.'],
      ['Liquidity', 'We depend on deposits to fund our lending.'],
    ],
    categoryIntros: [
      {
        category: 'Credit',
        text: "Credit risk is the risk of loss from a borrower's failure to pay.",
      },
    ],
  },
  {
    file: 'label-categories-run-in.htm',
    shape: 'three levels: bold topic labels with an introduction, over italic run-in factor titles',
    categories: ['Supply and Demand', 'Government and Political Factors'],
    factors: [
      ['Supply and Demand', 'Economic conditions.'],
      ['Supply and Demand', 'Other demand-related factors.'],
      ['Supply and Demand', 'Supply-related factors.'],
      ['Government and Political Factors', 'Access limitations.'],
      ['Government and Political Factors', 'Restrictions on doing business.'],
    ],
    categoryIntros: [
      {
        category: 'Supply and Demand',
        text: 'The oil, gas and petrochemical businesses are fundamentally commodity businesses.',
      },
    ],
  },
];

describe('extraction holds on shapes the corpus under-represents', () => {
  for (const c of cases) {
    it(`${c.file}: ${c.shape}`, () => {
      const r = extractRiskFactors(fixture(c.file), c.form ? { form: c.form } : {});
      expect(r.reason).toBeNull();
      expect(r.found).toBe(true);
      expect(r.categories).toEqual(c.categories);
      expect(r.riskFactors.map((f) => [f.category, f.heading])).toEqual(c.factors);
      for (const f of r.riskFactors) expect(f.wordCount).toBeGreaterThan(5);
      if (typeof c.preamble === 'string') expect(r.preamble).toBe(c.preamble);
      else if (c.preamble) expect(r.preamble).toMatch(c.preamble);
      if (c.summary !== undefined) expect(r.summary).toEqual(c.summary);
      if (c.categoryIntros) expect(r.categoryIntros).toEqual(c.categoryIntros);
    });
  }

  it('the 20-F shape reads the same when the typewritten report is wrapped in <pre> (an HTML filing)', () => {
    const text = fixture('plain-text-20f-underlined-sentence-case.txt').toString('latin1');
    const html = `<html><body><pre>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre></body></html>`;
    const r = extractRiskFactors(html);
    expect(r.form).toBe('20-F');
    expect(r.riskFactors.map((f) => f.heading)).toEqual([
      'Dependence on a small number of customers',
      'Fluctuations in the exchange rate of the euro',
      'Conditions in Israel may affect our operations',
    ]);
  });

  it('a sentence-case line over a short paragraph (a caption over a table, not a body) is not a heading', () => {
    const text = fixture('plain-text-20f-underlined-sentence-case.txt').toString('latin1');
    const body = /( +Our five largest[^]*?incur losses\.)/.exec(text)![1]!;
    const r = extractRiskFactors(
      text.replace(body, 'Revenues by customer in 2000 were as follows, in thousands of dollars'),
    );
    expect(r.riskFactors.map((f) => f.heading)).toEqual([
      'Fluctuations in the exchange rate of the euro',
      'Conditions in Israel may affect our operations',
    ]);
    expect(r.preamble).toBe(
      'Dependence on a small number of customers\n\nRevenues by customer in 2000 were as follows, in thousands of dollars',
    );
  });

  it('a capital introduction ending in a full stop is preamble too; a capital heading that asks the reader to consider a risk stays a factor', () => {
    const text = fixture('plain-text-caps-introduction.txt').toString('latin1');
    const r = extractRiskFactors(text.replace('ONES WE\nFACE:', 'ONES WE\nFACE.'), { form: 'S-1' });
    expect(r.riskFactors.map((f) => f.heading)).toHaveLength(3);
    expect(r.preamble).toMatch(/^IN ADDITION TO .* WE FACE\.$/);
    const short = extractRiskFactors(
      text.replace(/IN ADDITION[^]*?FACE:/, 'YOU SHOULD CONSIDER OUR LOSSES.'),
      { form: 'S-1' },
    );
    expect(short.riskFactors[0]!.heading).toBe('YOU SHOULD CONSIDER OUR LOSSES.');
  });

  it('a capital title without a full stop after capital sentence headings still ends the section (the next part of Item 1)', () => {
    const text = fixture('plain-text-caps-noun-phrase-factor.txt').toString('latin1');
    const r = extractRiskFactors(text.replace('ITEM 2.  PROPERTIES', 'EMPLOYEES'));
    expect(r.riskFactors).toHaveLength(5);
    expect(r.section!.lastWords).toMatch(/design around or challenge\.$/);
  });

  it('factor bodies keep their own text only (the summary bullets are not in any factor)', () => {
    const r = extractRiskFactors(fixture('in-section-summary.htm'));
    expect(r.riskFactors.map((f) => f.text)).toEqual([
      'We face competition from large and small companies, some of which have greater resources than we do, and pricing pressure could harm our results.',
      "Several components come from single sources, and a supplier's failure to deliver could delay our shipments for months.",
      'The Department of Commerce may require licenses for sales of our products to certain countries, and licenses may be denied.',
    ]);
  });

  it('a bulleted list inside a factor stays in its body, bullets dropped', () => {
    const r = extractRiskFactors(fixture('bulleted-headings.htm'));
    expect(r.riskFactors[1]!.text).toContain(
      'These customers may:\n\ndelay or cancel orders;\n\ndevelop their own products; or\n\nbuy from our competitors.\n\nNone of our customers',
    );
  });

  it('a label inside a factor, in another style than the categories, stays in its body', () => {
    const r = extractRiskFactors(fixture('label-categories.htm'));
    expect(r.riskFactors[1]!.text).toMatch(
      /limits on our growth\.\n\nAnti-money laundering\n\nOur programs to detect money laundering/,
    );
    expect(r.riskFactors[1]!.text).not.toMatch(/Credit/);
  });

  it('a run-in title closed outside its emphasis leaves the body without the punctuation; a bold "Note:" stays body text', () => {
    const r = extractRiskFactors(fixture('run-in-punctuation-outside.htm'));
    expect(r.riskFactors[1]!.text).toBe(
      "The Company's success depends on its two founders, and the Company has no employment agreements with either of them.",
    );
    expect(r.riskFactors[3]!.text).toMatch(
      /could adversely affect its market price\.\n\nNote: the lock-up agreements/,
    );
  });

  it('a factor inserted above numbered headings is one addition, not a renumbering of the rest', () => {
    const html = fixture('numbered-headings.htm').toString('utf8');
    const renumbered = html
      .replace('<i>3. We face', '<i>4. We face')
      .replace('<i>2. We may', '<i>3. We may')
      .replace('<i>1. We have', '<i>2. We have')
      .replace(
        '<p><b><i>2. We have',
        '<p><b><i>1. Export controls could restrict our sales.</i></b></p>\n<p>New rules may require licences for sales to some customers abroad.</p>\n<p><b><i>2. We have',
      );
    const d = diffSections(extractRiskFactors(html), extractRiskFactors(renumbered));
    expect(d.changes.map((c) => c.kind)).toEqual(['added']);
  });

  it('reads the titles filers give an in-section summary as summary titles, and category titles as not', () => {
    const summaries = [
      'Summary of Risk Factors',
      'Risk Factor Summary',
      'Risks Summary',
      'Summary Risk Factors',
      'Summary of Certain Risks',
      'Summary of Certain Risk Factors',
      'Summary of Principal Risks',
      'Summary of Material Risk Factors.',
      'Summary of the Risks Associated with Our Business',
      'Overview of Key Risks',
    ];
    for (const t of summaries) expect(SUMMARY_HEADING.test(t), t).toBe(true);
    for (const t of ['Risks Related to Our Business', 'Risk Factors', 'Summary', 'General Risks'])
      expect(SUMMARY_HEADING.test(t), t).toBe(false);
  });

  it('a running header is left out of the factor it interrupts', () => {
    const r = extractRiskFactors(fixture('running-header-in-section.htm'));
    expect(r.riskFactors[0]!.text).toBe(
      'We began selling robots in 2022 and have a short record on which to judge our business.\n\nOur results may vary widely from year to year as we grow.',
    );
  });

  it('the plain-text section ends at the next item and drops page marks', () => {
    const r = extractRiskFactors(fixture('plain-text-10ksb.txt'));
    expect(r.form).toBe('10-KSB');
    expect(r.riskFactors[1]!.text).toBe(
      'Our president has run the company since its founding, and we have no key-man insurance on his life.',
    );
    expect(r.section?.lastWords).toBe(
      'trading volume is low and prices can swing widely on small orders.',
    );
  });

  it('a factor that starts mid-line ends the one before it there', () => {
    const r = extractRiskFactors(fixture('plain-text-numbered-sb2.txt'));
    expect(r.riskFactors[1]!.text).toBe(
      'We will need additional funds to expand, and financing may not be available on acceptable terms.',
    );
    expect(r.riskFactors[2]!.text).toBe(
      'Our success depends on our two officers, and the loss of either could hurt us.',
    );
  });

  it('a one-line body stays with its heading, and the last paragraph of a body is not a heading', () => {
    const r = extractRiskFactors(fixture('plain-text-one-line-bodies.txt'));
    expect(r.riskFactors.map((f) => f.text)).toEqual([
      'We have lost money in every quarter since we began operations in 1998.',
      'We will need at least $2 million during the next year to build our second store and to pay for advertising, and we do not know whether we can raise it. Nobody has agreed to lend us or invest this money.\n\nIf we cannot raise it, we will have to delay our expansion.',
      'Our two officers own 72% of our shares and can elect every director and approve or block any merger, whatever the other shareholders want.',
      'Our shares are not listed on any exchange or quotation system.',
    ]);
  });

  it('a Title-Case run-in heading keeps its body, and a company name followed by a full stop is not a heading', () => {
    const r = extractRiskFactors(fixture('plain-text-10k405-factors.txt'));
    expect(r.section?.heading).toBe('FACTORS THAT MAY AFFECT FUTURE RESULTS');
    expect(r.riskFactors[0]!.text).toBe(
      "The Company's three largest customers accounted for 61% of net revenues in 1997. The loss of any of them, or a reduction in their orders, would harm the Company's results of operations.",
    );
    expect(r.section?.lastWords).toBe(
      "its suppliers' systems to handle dates after 1999 could delay its shipments.",
    );
  });

  it('a label among factor headings that are short labels themselves stays a factor', () => {
    const html = `<p><b>RISK FACTORS</b></p><p>Investing in our shares is risky; consider these risks.</p>
      ${[
        'Competition',
        'Dependence on Key Personnel',
        'Government Regulation',
        'Currency Fluctuations',
      ]
        .map(
          (h) =>
            `<p><i>${h}</i></p><p>Body text for ${h.toLowerCase()} that explains the risk in a full sentence.</p>`,
        )
        .join(
          '',
        )}<p><b>USE OF PROCEEDS</b></p><p>We will use the proceeds for general corporate purposes.</p>`;
    const r = extractRiskFactors(html, { form: 'S-1' });
    expect(r.riskFactors.map((f) => f.heading)).toEqual([
      'Competition',
      'Dependence on Key Personnel',
      'Government Regulation',
      'Currency Fluctuations',
    ]);
  });

  it.each([
    ['Item 1.A. Risk Factors', 'Item 1.B. Unresolved Staff Comments'],
    ['Item 1(a). Risk Factors', 'Item 1(b). Unresolved Staff Comments'],
    ['ITEM 1A. RISK FACTORS AND CAUTIONARY STATEMENTS', 'ITEM 1B. UNRESOLVED STAFF COMMENTS'],
  ])('the annual report heading written "%s" is found, and "%s" ends it', (heading, next) => {
    const html = `<p><b>${heading}</b></p><p>Our business faces the risks below.</p>
      <p><b>We depend on one customer for most of our revenue.</b></p><p>The loss of that customer would reduce our revenue by more than half.</p>
      <p><b>Our debt limits what we can do.</b></p><p>Our loan agreement restricts dividends, acquisitions and new borrowing.</p>
      <p><b>${next}</b></p><p>None.</p><p><b>Item 2. Properties</b></p><p>We lease our offices in Austin, Texas.</p>`;
    const r = extractRiskFactors(html, { form: '10-K' });
    expect(r.section?.heading).toBe(heading);
    expect(r.riskFactors.map((f) => f.heading)).toEqual([
      'We depend on one customer for most of our revenue.',
      'Our debt limits what we can do.',
    ]);
    expect(r.riskFactors[1]!.text).toBe(
      'Our loan agreement restricts dividends, acquisitions and new borrowing.',
    );
  });

  it.each([
    ['10-K', 'CERTAIN RISK FACTORS', 'ITEM 2. PROPERTIES'],
    [
      '10-K405',
      'Factors That May Affect Future Results',
      'ITEM 7A. QUANTITATIVE AND QUALITATIVE DISCLOSURES ABOUT MARKET RISK',
    ],
    ['S-1', 'INVESTMENT CONSIDERATIONS', 'USE OF PROCEEDS'],
    ['SB-2', 'CERTAIN CONSIDERATIONS', 'DILUTION'],
  ])('a %s titling the section "%s" (an older title) is read up to "%s"', (form, title, next) => {
    const factors = ['We have a history of losses.', 'We depend on one supplier.'];
    const html = `<p align="center"><b>SUMMARY</b></p><p>We make lenses.</p><p align="center"><b>${title}</b></p><p>Consider these risks.</p>
      ${factors.map((h) => `<p><b><i>${h}</i></b></p><p>This paragraph explains the risk in words a reader can follow.</p>`).join('')}
      <p align="center"><b>${next}</b></p><p>Text of the next section.</p>`;
    const r = extractRiskFactors(html, { form });
    expect(r.section?.heading).toBe(title);
    expect(r.riskFactors.map((f) => f.heading)).toEqual(factors);
    expect(r.section?.lastWords).toBe(
      'This paragraph explains the risk in words a reader can follow.',
    );
  });

  it('an older title does not override a "Not applicable" Risk Factors item', () => {
    const html = `<p><b>Item 1A. Risk Factors</b></p><p>Not applicable.</p><p><b>Item 1B. Unresolved Staff Comments</b></p><p>None.</p>
      <p><b>Item 7. Management's Discussion and Analysis</b></p><p><b>Factors That May Affect Future Results</b></p>
      <p>Our results may vary for many reasons, including the state of the economy, our customers' budgets, competition, and the other matters described in this report, and you should not rely on any one quarter's results.</p>
      <p><b>Item 8. Financial Statements</b></p><p>See page F-1.</p>`;
    const r = extractRiskFactors(html, { form: '10-K' });
    expect(r.found).toBe(false);
    expect(r.reason).toMatch(/Not applicable/);
  });

  it('one bold opening phrase in a section without headings is not a risk factor', () => {
    const html = `<p align="center"><b>RISK FACTORS</b></p>
      <p><b>Investing in our securities involves risk.</b> Before you invest, consider the risk factors in our most recent Annual Report on Form 10-K, incorporated by reference.</p>
      <p align="center"><b>USE OF PROCEEDS</b></p><p>The selling stockholders will receive all of the proceeds.</p>`;
    const r = extractRiskFactors(html, { form: 'S-3' });
    expect(r.found).toBe(true);
    expect(r.riskFactors).toEqual([]);
  });

  it('a styled document with a table set in <pre> is still read as HTML', () => {
    const body = ['We depend on one customer.', 'Our debt limits what we can do.']
      .map(
        (h) =>
          `<p><b>${h}</b></p><p>${'This paragraph explains the risk in ordinary words. '.repeat(4)}</p>`,
      )
      .join('');
    const html = `<html><body><p align="center"><b>RISK FACTORS</b></p><p>Consider these risks.</p>${body}<pre>
Net sales   1995   1996
            $1,204 $2,911</pre><p align="center"><b>USE OF PROCEEDS</b></p><p>For working capital.</p></body></html>`;
    expect(preformattedText(html)).toBeNull();
    expect(extractRiskFactors(html, { form: 'S-1' }).riskFactors.map((f) => f.heading)).toEqual([
      'We depend on one customer.',
      'Our debt limits what we can do.',
    ]);
  });

  it('old and foreign form names belong to the families of their modern kin', () => {
    expect(formFamily('20-F')).toBe('foreign-annual');
    expect(formFamily('20-F/A')).toBe('foreign-annual');
    expect(formFamily('10-KSB')).toBe('annual');
    expect(formFamily('10-K405')).toBe('annual');
    expect(formFamily('SB-2')).toBe('prospectus');
    expect(formFamily('SB-2/A')).toBe('prospectus');
    expect(formFamily('F-1/A')).toBe('prospectus');
  });

  it('a document without these shapes has an empty preamble, no summary and no category intros', () => {
    const r = extractRiskFactors(fixture('no-categories.htm'));
    expect(r.found).toBe(true);
    expect(r.summary).toBeNull();
    expect(r.categoryIntros).toEqual([]);
  });
});
