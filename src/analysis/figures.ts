/**
 * Finding figures: quantities, dates, times, years and scores. Each pattern
 * below matches one kind of expression as a whole span; where several match
 * at one place the earliest, then the longest, wins, so `$172.4 billion` is one
 * figure and not `172.4` plus a stray word.
 *
 * Conventions (also in test/fixtures/highlights/README.md):
 * - every number written in digits is a figure (not inside a word like G8 or MP3);
 * - a digit number takes its counted noun when that is a lowercase plural
 *   (`1,200 troops`), a unit (`500 km`, `100m`) or a scale (`52 million shares`);
 *   a year (1800–2099) takes no noun, so `2003 results` gives `2003`;
 * - a spelled number is a figure only with a unit or time noun (`two decades`,
 *   `three times`, `five-year`), never alone (`three brothers`);
 * - a month is a figure only with a day or year; ordinals in words are not figures.
 */
import type { Span } from './types.js';

const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const SCALE = String.raw`(?:trillion|billion|million|thousand|hundred|tn|bn|mn|m|k)`;
const SCALE_WORD = String.raw`(?:trillion|billion|million|thousand)`;
const CURRENCY_SYMBOL = String.raw`(?:US\$|A\$|C\$|HK\$|NZ\$|R\$|\$|£|€|¥|₹|₽)`;
const CURRENCY_WORD = String.raw`(?:dollars|pounds|euros|yen|rupees|francs|yuan|roubles|rubles|pesos|cents|pence|sterling)`;
/** A currency named after an amount, singular too (`a 1.5bn euro charge`), with its country (`Swiss francs`). */
const CURRENCY_AFTER = String.raw`(?:(?:US|Swiss|Hong Kong|Australian|Canadian|New Zealand|Singapore|Taiwan|Taiwanese|Zimbabwean|Japanese|Chinese|Indian|Russian|Mexican|Brazilian|South African|Danish|Swedish|Norwegian)\s)?(?:dollars?|pounds?|euros?|yen|rupees?|francs?|yuan|renminbi|roubles?|rubles?|pesos?|cents?|pence|sterling|krona|kronor|kroner|rand|naira|lira|lire|shekels?|won|baht|ringgit|rupiah|dinars?|dirhams?|riyals?)`;
const MONTH = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)`;
const TIME_NOUN = String.raw`(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)|quarters?|seasons?|nights?|times)`;
const UNIT_WORD = String.raw`(?:basis points?|(?:giga|mega|kilo)?bits?|miles?|kilometres?|kilometers?|metres?|meters?|feet|foot|inches|inch|yards?|tonnes?|tons?|barrels?|litres?|liters?|gallons?|acres?|hectares?|kilograms?|kilos?|grams?|pounds|ounces?|degrees?|megawatts?|gigawatts?|watts?|volts?|bytes?|megabytes?|gigabytes?|terabytes?|pixels?)`;
const UNIT_ABBR = String.raw`(?:km/h|km|cm|mm|kg|mg|lbs?|mph|kph|ft|sq\s?km|MW|GW|kW|kWh|GWh|MB|GB|TB|Mbps|Gbps|GHz|MHz|°C|°F|m)`;
const PERCENT = String.raw`(?:%|\s?per\s?cent\b|\s?percent\b|\s?percentage points?\b)`;
const SPELLED_UNIT = String.raw`(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Tt]welve|[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|[Hh]undred|eleven|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|sixty|seventy|eighty|ninety|a hundred|a thousand|dozen|a dozen)`;
const SPELLED = String.raw`(?:${SPELLED_UNIT}(?:[- ](?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand))?)`;
/** `nine and a half`, `four or five`, `20 or 30`: a spelled or digit amount, maybe a range or with a half. */
const AMOUNT = String.raw`(?:(?:${NUM}|${SPELLED})(?:\s(?:or|to)\s(?:${NUM}|${SPELLED}))?(?:\sand\sa\shalf)?)`;
const FRACTION = String.raw`(?:one|two|three|four|five|six|seven|eight|nine)-(?:halves|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)|a\s(?:quarter|third|fifth|tenth)(?![A-Za-z-])|half-(?:hour|day|time|year|century|dozen)`;
const YEAR = String.raw`(?:1[89]\d\d|20\d\d)`;
/** Lowercase words ending in s that are not counted nouns. */
const NOT_NOUN = String.raw`(?:is|was|has|its|this|his|us|as|yes|less|thus|plus|across|unless|always|whereas|perhaps|does|goes|ours|hers|theirs|yours|whose|besides|towards|afterwards|sometimes|nevertheless|becomes|seems)`;

// A figure never starts or ends inside a word.
// `\b` (ASCII) rather than a Unicode lookbehind: it lets the regex engine skip ahead, several times faster.
const B = String.raw`\b`;
// Letters and digits of the Latin, Greek and Cyrillic blocks spelled out: `\p{L}` needs the u flag, which
// makes every pattern here several times slower.
const WORD_CHAR = String.raw`0-9A-Za-z_\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF`;
const E = String.raw`(?![${WORD_CHAR}])`;

const PATTERNS: string[] = [
  // Amounts with the currency after: 5bn euros, 300 yen, 1.2bn Swiss francs, 1,500円
  String.raw`${B}(?:${NUM})(?:\s?${SCALE}${E})?\s${CURRENCY_AFTER}${E}`,
  String.raw`${B}(?:${NUM})\s?[円元₩]`,
  // Ranges, halves and fractions with a unit or time noun: four or five years, nine and a half hours
  String.raw`${B}(?:minus\s)?${AMOUNT}\s(?:[a-z]+\s)?(?:${TIME_NOUN}|${UNIT_WORD})(?:\s(?:centigrade|celsius|Celsius|fahrenheit|Fahrenheit))?(?:\sper\s(?:second|minute|hour|day|week|month|year))?${E}`,
  String.raw`${B}(?:${FRACTION})${E}`,
  String.raw`${B}(?:${NUM}|${SPELLED})\sout\sof\s(?:${NUM}|${SPELLED})${E}`,
  // Clock times in words: four o'clock
  String.raw`${B}(?:${SPELLED}|\d{1,2})\so['’]clock`,
  // A number joined to a unit as an adjective: 24-carat, 100-metre, 18-hole
  String.raw`${B}\d+(?:\.\d+)?-(?:carat|inch|foot|ft|metre|meter|mile|kilometre|km|yard|point|seat|storey|strong|man|member|page|piece|hole|lap|game|match|mph|litre|tonne|ton|acre|bed|bedroom|megapixel|megabyte|gigabyte|bit|cent|pence|pound|dollar|euro)${E}`,
  // Money: $172.4 billion, £3.5m, €20bn, $234,000, US$5
  String.raw`${CURRENCY_SYMBOL}\s?(?:${NUM})(?:\s?${SCALE}${E})?(?:-${NUM}(?:\s?${SCALE}${E})?)?`,
  // Percentages: 32%, 32 percent, 4.5 per cent, 10-15%
  String.raw`${B}(?:${NUM})(?:\s?(?:-|–|to)\s?(?:${NUM}))?${PERCENT}`,
  String.raw`${B}${SPELLED}${PERCENT}`,
  // Dates: 2022-12-14, 14/12/2022, Sept. 8, 2022, December 14, 5 May, 7 March 1985, August 2003
  String.raw`${B}\d{4}-\d{2}-\d{2}${E}`,
  String.raw`${B}\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})${E}`,
  String.raw`${B}${MONTH}\s\d{1,2}(?:st|nd|rd|th)?${E}(?:,?\s${YEAR}${E})?`,
  String.raw`${B}\d{1,2}(?:st|nd|rd|th)?\s(?:of\s)?${MONTH}(?:,?\s${YEAR})?${E}`,
  String.raw`${B}${MONTH}\s${YEAR}${E}`,
  // Times: 10:30, 10:30pm, 7pm, 7.30am
  String.raw`${B}\d{1,2}[:.]\d{2}\s?(?:am|pm|a\.m\.|p\.m\.)|${B}\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)${E}|${B}\d{1,2}:\d{2}${E}`,
  // Scores and ranges: 3-1, 6-3 3-6 6-3, 2004-05
  String.raw`${B}\d{1,3}-\d{1,3}(?:\s\d{1,3}-\d{1,3})*${E}`,
  String.raw`${B}${YEAR}[-–/]\d{1,2}(?:\d{2})?${E}`,
  // Ages and durations as adjectives: 32-year-old, five-year
  String.raw`${B}(?:${NUM}|${SPELLED})-${TIME_NOUN.replace('times', 'time')}(?:-old)?${E}`,
  // Heights in feet and inches: 6'2"
  String.raw`${B}\d['′]\s?\d{1,2}(?:"|″|''|(?![${WORD_CHAR}]))`,
  // Decades: 1990s, ’90s
  String.raw`(?:${B}\d{4}s|(?<![${WORD_CHAR}])['’]\d0s|${B}\d0s)${E}`,
  // Number with scale and what it counts: 52 million shares, 2bn people
  String.raw`${B}(?:${NUM})\s?${SCALE_WORD}(?:\s(?:${CURRENCY_WORD}|(?!${NOT_NOUN}${E})[a-z]+s))?${E}`,
  String.raw`${B}(?:${NUM})(?:bn|m|tn|K)${E}`,
  // Number with unit: 500 km, 100m, 12 barrels, 570 rupees
  String.raw`${B}(?:${NUM})\s?${UNIT_ABBR}${E}`,
  String.raw`${B}(?:${NUM})(?:\s?(?:-|–|to)\s?(?:${NUM}))?\s(?:${TIME_NOUN}|${UNIT_WORD}|${CURRENCY_WORD})${E}`,
  // Spelled number with a unit or time noun: two decades, eleven months, three times
  String.raw`${B}${SPELLED}\s(?:${TIME_NOUN}|${UNIT_WORD})${E}`,
  // Counted noun after a digit number (not a year): 1,200 troops, 800,000 copies, 1.3 billion people
  String.raw`${B}(?!${YEAR}${E})(?:${NUM})\s(?!${NOT_NOUN}${E})[a-z]+s${E}`,
  String.raw`${B}(?:${NUM})(?:\s${SCALE_WORD})?\s(?:people|men|women|children)${E}`,
  // Ordinals in digits: 20th
  String.raw`${B}\d+(?:st|nd|rd|th)${E}`,
  // Any other number in digits
  String.raw`${B}(?:${NUM})${E}`,
];

/**
 * Where a figure can begin: a digit, a currency sign, a number word, a month, `minus`, `a quarter`,
 * `half-`, an apostrophe before a decade. Every pattern starts with one of these, so one scan for them
 * and a sticky match at each is the same as every pattern scanning the whole paragraph, several
 * times faster (most words start nothing).
 */
const FIGURE_START_SOURCE =
  String.raw`(?:US|A|C|HK|NZ|R)\$|[$£€¥₹₽]|['’](?=\d0s)|\b(?:\d|${SPELLED_UNIT}|${MONTH}|minus\s|a\s(?=quarter|third|fifth|tenth|hundred|thousand|dozen)|half-)`;

/**
 * The patterns, each matching only where it is tried (at the places FIGURE_START finds), built on first
 * use: building them at import would cost every start of the program a few milliseconds.
 */
let compiled: { start: RegExp; sticky: RegExp[] } | undefined;
const figurePatterns = (): { start: RegExp; sticky: RegExp[] } =>
  (compiled ??= { start: new RegExp(FIGURE_START_SOURCE, 'g'), sticky: PATTERNS.map((source) => new RegExp(source, 'y')) });

/**
 * Numbers that are part of a name, not an amount: a product or model (`CX-40`, `F-16`), a station or
 * address (`Radio 4`, `No 10`), an HTML character reference left in the text (`caf&#233;`).
 */
const NAMED_NUMBER = /(?:[A-Z]{1,3}-|&#x?|\b(?:Radio|Channel|Number|No|Windows|PlayStation|Xbox|Apollo|Formula)\s)$/;
const NOT_FIGURES = new Set(['one-time']);

/** Figure spans in one paragraph, sorted and non-overlapping. */
export function findFigureSpans(text: string): Span[] {
  const candidates: Span[] = [];
  let lastStart = -1;
  const { start: FIGURE_START, sticky: STICKY } = figurePatterns();
  FIGURE_START.lastIndex = 0;
  for (let start = FIGURE_START.exec(text); start !== null; start = FIGURE_START.exec(text)) {
    const at = start.index;
    if (at === lastStart) continue;
    lastStart = at;
    if (NAMED_NUMBER.test(text.slice(Math.max(0, at - 8), at))) continue;
    for (const pattern of STICKY) {
      pattern.lastIndex = at;
      const match = pattern.exec(text);
      if (match === null || NOT_FIGURES.has(match[0])) continue;
      candidates.push({ start: at, end: at + match[0].length });
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const spans: Span[] = [];
  let taken = 0;
  for (const candidate of candidates) {
    if (candidate.start < taken) continue;
    spans.push(candidate);
    taken = candidate.end;
  }
  return spans;
}
