/** The few CSS facts that decide how a filing's text reads: emphasis, visibility, size, colour. */
export interface StyleFacts {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  hidden?: boolean;
  transform?: 'upper' | 'lower' | 'none';
  fontSize?: number; // points
  color?: string;
  center?: boolean;
  /** Horizontal space before the element (padding-left, margin-left): words either side stay apart. */
  gapBefore?: boolean;
}

function parseSize(v: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*(pt|px|em|rem|%)?/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  switch (m[2]) {
    case 'px':
      return n * 0.75;
    case 'em':
    case 'rem':
      return n * 10;
    case '%':
      return n / 10;
    default:
      return n;
  }
}

function weightIsBold(v: string): boolean {
  if (v.includes('bold')) return true; // bold, bolder
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) && n >= 600;
}

/** Reads a `style` attribute (or a class rule body). Only the properties regwatch uses. */
export function parseStyle(style: string): StyleFacts {
  const facts: StyleFacts = {};
  for (const decl of style.split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    const prop = decl.slice(0, colon).trim().toLowerCase();
    const value = decl
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    switch (prop) {
      case 'font-weight':
        facts.bold = weightIsBold(value);
        break;
      case 'font-family':
        // A face named for its weight or slant ("Times New Roman Bold", "Arial-BoldItalicMT"), as
        // some converters set emphasis: it is bold or italic however font-weight reads.
        if (/bold|black|heavy/.test(value)) facts.bold = true;
        if (/italic|oblique/.test(value)) facts.italic = true;
        break;
      case 'font-style':
        facts.italic = value.includes('italic') || value.includes('oblique');
        break;
      case 'text-decoration':
      case 'text-decoration-line':
        facts.underline = value.includes('underline');
        break;
      case 'display':
        if (value.startsWith('none')) facts.hidden = true;
        break;
      case 'text-transform':
        facts.transform = value.startsWith('upper')
          ? 'upper'
          : value.startsWith('lower')
            ? 'lower'
            : 'none';
        break;
      case 'font-size':
        facts.fontSize = parseSize(value);
        break;
      case 'color':
        // Black is the default: a run that says so and one that says nothing look the same.
        facts.color =
          /^(#000(000)?|black|windowtext|rgb\(\s*0\s*,\s*0\s*,\s*0\s*\)|initial|inherit)$/.test(
            value,
          )
            ? ''
            : value;
        break;
      case 'text-align':
        facts.center = value.startsWith('center');
        break;
      case 'padding-left':
      case 'margin-left':
        if (/^[0-9.]*[1-9]/.test(value)) facts.gapBefore = true;
        break;
      case 'font': {
        // shorthand: "bold italic 10pt Times New Roman"
        facts.bold = / bold|^bold|\b[6-9]00\b/.test(value);
        facts.italic = /\bitalic\b|\boblique\b/.test(value);
        const size = /(\d+(?:\.\d+)?)(pt|px)/.exec(value);
        if (size) facts.fontSize = parseSize(size[0]);
        break;
      }
      default:
        break;
    }
  }
  return facts;
}

/** Class rules from `<style>` blocks (`.x { font-weight: bold }`), for filings that style by class. */
export function parseClassRules(css: string, into: Map<string, StyleFacts>): void {
  // Scanned by hand, not with /([^{}]+)\{([^}]*)\}/g: on a long stylesheet with no brace (an
  // unclosed `<style` swallowing a filing) that pattern retries from every position, quadratic.
  let from = 0;
  for (;;) {
    const open = css.indexOf('{', from);
    if (open < 0) break;
    const close = css.indexOf('}', open + 1);
    if (close < 0) break;
    // The selectors run back from the brace to the end of the rule before (or a stray '}').
    const selectors = css.slice(Math.max(from, css.lastIndexOf('}', open) + 1), open);
    const facts = parseStyle(css.slice(open + 1, close));
    from = close + 1;
    if (selectors.trim() === '') continue;
    for (const sel of selectors.split(',')) {
      const cls = /^\s*(?:[a-z0-9]*)\.([\w-]+)\s*$/i.exec(sel);
      if (cls) into.set(cls[1]!, { ...into.get(cls[1]!), ...facts });
    }
  }
}
