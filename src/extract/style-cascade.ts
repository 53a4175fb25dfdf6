import { parseClassRules, parseStyle, type StyleFacts } from './css.js';
import type { TagAttributes } from './html-tokens.js';

/** What an element passes to the text inside it. */
export interface Frame {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  hidden: boolean;
  transform: 'upper' | 'lower' | 'none';
  fontSize: number;
  color: string;
  center: boolean;
  link: boolean;
}

export const ROOT_FRAME: Frame = {
  bold: false,
  italic: false,
  underline: false,
  hidden: false,
  transform: 'none',
  fontSize: 0,
  color: '',
  center: false,
  link: false,
};

/** What a tag itself does to its text, as bits (0 for the many tags that do nothing). */
const BOLD_TAG = 1;
const ITALIC_TAG = 2;
const UNDERLINE_TAG = 4;
const CENTER_TAG = 8;
const HIDDEN_TAG = 16;
/** `<a>`: a link when it has an `href`. */
const ANCHOR_TAG = 32;
/** `<font>`: sized by its `size` attribute. */
const FONT_TAG = 64;
const TAG_EFFECTS = new Map<string, number>([
  ...['b', 'strong', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((t) => [t, BOLD_TAG] as const),
  ...['i', 'em'].map((t) => [t, ITALIC_TAG] as const),
  ['u', UNDERLINE_TAG],
  ['center', CENTER_TAG],
  // Elements whose text is never rendered (the inline-XBRL header among them).
  ...['head', 'script', 'style', 'title', 'ix:header', 'noscript', 'template', 'xml'].map(
    (t) => [t, HIDDEN_TAG] as const,
  ),
  ['a', ANCHOR_TAG],
  ['font', FONT_TAG],
]);
/** `<font size=N>` in points, as browsers render sizes 1-7 (older filings size text this way). */
const FONT_SIZE_PT = [0, 7.5, 10, 12, 13.5, 18, 24, 36];
/**
 * StyleFacts with every property present (undefined where the style sets nothing). Parsed
 * styles set different properties in different orders, so as plain StyleFacts they take many
 * object shapes and every read in `frameFor` is megamorphic; completed, they share one shape.
 */
interface Facts {
  bold: boolean | undefined;
  italic: boolean | undefined;
  underline: boolean | undefined;
  hidden: boolean | undefined;
  transform: StyleFacts['transform'];
  fontSize: number | undefined;
  color: string | undefined;
  center: boolean | undefined;
  gapBefore: boolean | undefined;
}

function complete(f: StyleFacts): Facts {
  // `satisfies`: a property added to StyleFacts and not copied here fails to compile.
  return {
    bold: f.bold,
    italic: f.italic,
    underline: f.underline,
    hidden: f.hidden,
    transform: f.transform,
    fontSize: f.fontSize,
    color: f.color,
    center: f.center,
    gapBefore: f.gapBefore,
  } satisfies Record<keyof StyleFacts, unknown>;
}

const NO_FACTS: Facts = Object.freeze(complete({}));
/** Slots of the direct-mapped cache of inline styles (a power of two). */
const STYLE_SLOTS = 512;
/** How many characters, from the end, choose a style's slot. */
const TAIL_CHARS = 12;

/**
 * A style string's slot, from its length and last dozen characters: a filing's style strings
 * share long prefixes ("font-family:Times New Roman;font-size:10pt;...") and most differ near
 * the end. Strings that differ only earlier take turns in a slot and are found in the Map.
 */
function styleSlot(style: string): number {
  let h = style.length;
  for (let i = Math.max(0, style.length - TAIL_CHARS); i < style.length; i++)
    h = (Math.imul(h, 31) + style.charCodeAt(i)) | 0;
  return (h ^ (h >>> 9)) & (STYLE_SLOTS - 1);
}

/** `size="4"`, or relative to the default 3 (`size="+1"`), in points. */
function fontSizeAttribute(value: string): number | undefined {
  // Nearly every `size` in the corpus is one digit: read it without parseInt and a regex.
  if (value.length === 1) {
    const digit = value.charCodeAt(0) - 48;
    if (digit >= 0 && digit <= 9) return FONT_SIZE_PT[Math.min(7, Math.max(1, digit))];
  }
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n)) return undefined;
  const size = /^\s*[+-]/.test(value) ? 3 + n : n;
  return FONT_SIZE_PT[Math.min(7, Math.max(1, size))];
}

function sameFrame(a: Frame, b: Frame): boolean {
  return (
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.underline === b.underline &&
    a.hidden === b.hidden &&
    a.transform === b.transform &&
    a.fontSize === b.fontSize &&
    a.color === b.color &&
    a.center === b.center &&
    a.link === b.link
  );
}

/**
 * The style cascade: what each element passes to its text, from its tag (`<b>`, `<i>`, `<u>`,
 * `<h1-6>`, `<center>`, `<font size>`, links), its inline style and its classes (rules read
 * from `<style>` elements). Filings repeat a handful of style strings thousands of times: each
 * is parsed once.
 */
export class StyleCascade {
  private readonly classRules = new Map<string, StyleFacts>();
  private readonly factsCache = new Map<string, Facts>();
  /**
   * In front of `factsCache`, for elements with an inline style and no class rule: a Map
   * hashes the whole (fresh, sliced) style string on every lookup, often 100+ characters;
   * a slot chosen by its tail and one string comparison cost a fraction of that.
   */
  private readonly slotStyle: (string | undefined)[] = new Array<string | undefined>(
    STYLE_SLOTS,
  ).fill(undefined);
  private readonly slotFacts: Facts[] = new Array<Facts>(STYLE_SLOTS).fill(NO_FACTS);

  /** A `<style>` element's text: its class rules apply to the elements after it. */
  addStyleSheet(css: string): void {
    parseClassRules(css, this.classRules);
    this.factsCache.clear();
    this.slotStyle.fill(undefined);
  }

  private factsOf(style: string | undefined, cls: string | undefined): Facts {
    if (!(cls && this.classRules.size > 0)) return style ? this.inlineFacts(style) : NO_FACTS;
    return this.cachedFacts(style, cls);
  }

  /** The facts of an inline style on an element no class rule applies to. */
  private inlineFacts(style: string): Facts {
    const slot = styleSlot(style);
    if (this.slotStyle[slot] === style) return this.slotFacts[slot]!;
    const facts = this.cachedFacts(style, undefined);
    this.slotStyle[slot] = style;
    this.slotFacts[slot] = facts;
    return facts;
  }

  private cachedFacts(style: string | undefined, cls: string | undefined): Facts {
    const key = cls && this.classRules.size > 0 ? `${cls}\u0000${style ?? ''}` : (style ?? '');
    let facts = this.factsCache.get(key);
    if (facts === undefined) {
      const found: StyleFacts = {};
      if (cls && this.classRules.size > 0)
        for (const c of cls.split(/\s+/)) Object.assign(found, this.classRules.get(c));
      if (style) Object.assign(found, parseStyle(style));
      facts = Object.keys(found).length === 0 ? NO_FACTS : complete(found);
      this.factsCache.set(key, facts);
    }
    return facts;
  }

  /**
   * Whether the element last given to `frameFor` opens with horizontal space (padding or margin
   * before it keeps words either side apart). A field, not part of the return value, so that
   * the call allocates nothing for the many elements that change no style.
   */
  lastGapBefore = false;

  /**
   * The frame an element gives its text. Most elements change nothing that matters and share
   * their parent's frame object.
   */
  frameFor(name: string, attrs: TagAttributes, parent: Frame): Frame {
    const found = this.factsOf(attrs.style, attrs.cls);
    const facts = found === NO_FACTS ? undefined : found;
    const effects = TAG_EFFECTS.get(name) ?? 0;
    const tagBold = (effects & BOLD_TAG) !== 0;
    const tagItalic = (effects & ITALIC_TAG) !== 0;
    const tagUnderline = (effects & UNDERLINE_TAG) !== 0;
    const tagCenter =
      (effects & CENTER_TAG) !== 0 ||
      (attrs.align !== undefined && attrs.align.toLowerCase() === 'center');
    const link = (effects & ANCHOR_TAG) !== 0 && attrs.href;
    const fontSize =
      (effects & FONT_TAG) !== 0 && attrs.size !== undefined
        ? fontSizeAttribute(attrs.size)
        : undefined;
    const hidden = (effects & HIDDEN_TAG) !== 0;
    let frame = parent;
    if (
      facts !== undefined ||
      tagBold ||
      tagItalic ||
      tagUnderline ||
      tagCenter ||
      link ||
      hidden ||
      fontSize !== undefined
    ) {
      const next: Frame = {
        bold: facts?.bold ?? (tagBold || parent.bold),
        italic: facts?.italic ?? (tagItalic || parent.italic),
        underline: facts?.underline ?? (tagUnderline || parent.underline),
        hidden: parent.hidden || hidden || facts?.hidden === true,
        transform: facts?.transform ?? parent.transform,
        fontSize: facts?.fontSize ?? fontSize ?? parent.fontSize,
        color: facts?.color ?? parent.color,
        center: facts?.center ?? (tagCenter || parent.center),
        link: link || parent.link,
      };
      if (!sameFrame(next, parent)) frame = next;
    }
    this.lastGapBefore = facts?.gapBefore === true;
    return frame;
  }
}
