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

// A comma group of more than three digits is a mistyped decimal (`$1,8923`), still one number.
const NUM = String.raw`\d{1,3}(?:,\d{3,})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const SCALE = String.raw`(?:trillion|billion|million|thousand|hundred|tn|bn|mn|m|k)`;
const SCALE_WORD = String.raw`(?:trillion|billion|million|thousand)`;
const CURRENCY_SYMBOL = String.raw`(?:US\$|A\$|C\$|HK\$|NZ\$|R\$|\$|£|€|¥|₹|₽)`;
const CURRENCY_WORD = String.raw`(?:dollars|pounds|euros|yen|rupees|francs|yuan|roubles|rubles|pesos|cents|pence|sterling)`;
/** A currency named after an amount, singular too (`a 1.5bn euro charge`), with its country (`Swiss francs`). */
const CURRENCY_AFTER = String.raw`(?:(?:US|Swiss|Hong Kong|Australian|Canadian|New Zealand|Singapore|Taiwan|Taiwanese|Zimbabwean|Japanese|Chinese|Indian|Russian|Mexican|Brazilian|South African|Danish|Swedish|Norwegian)\s)?(?:[Dd]ollars?|[Pp]ounds?|[Ee]uros?|yen|rupees?|francs?|yuan|renminbi|reais|reals?|roubles?|rubles?|pesos?|cents?|pence|sterling|krona|kronor|kroner|rand|naira|lira|lire|shekels?|won|baht|ringgit|rupiah|dinars?|dirhams?|riyals?)`;
const MONTH = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)`;
const TIME_NOUN = String.raw`(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)|quarters?|seasons?|nights?|times)`;
const UNIT_WORD = String.raw`(?:basis points?|(?:giga|mega|kilo)?bits?|miles?|kilometres?|kilometers?|metres?|meters?|feet|foot|inches|inch|yards?|tonnes?|tons?|barrels?|litres?|liters?|gallons?|acres?|hectares?|kilograms?|kilos?|grams?|pounds|ounces?|degrees?|megawatts?|gigawatts?|watts?|volts?|bytes?|megabytes?|gigabytes?|terabytes?|pixels?)`;
const UNIT_ABBR = String.raw`(?:km/h|km|cm|mm|kg|mg|lbs?|mph|kph|ft|sq\s?km|MW|GW|kW|kWh|GWh|MB|GB|TB|Mb|Gb|Mbps|Gbps|GHz|MHz|ml|secs?|mins?|hrs?|°C|°F|m)`;
const PERCENT = String.raw`(?:%|\s?per\s?cent\b|\s?percent\b|\s?percentage points?\b)`;
const SPELLED_UNIT = String.raw`(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Tt]welve|[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|[Hh]undred|eleven|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|sixty|seventy|eighty|ninety|a hundred|a thousand|dozen|a dozen)`;
const SPELLED = String.raw`(?:${SPELLED_UNIT}(?:[- ](?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand))?)`;
/**
 * `nine and a half`, `four or five`, `20 or 30`, and after `between` `six and 12`: a spelled or digit
 * amount, maybe a range or with a half (`aged 21 and 144 days` is two figures).
 */
const AMOUNT = String.raw`(?:(?:${NUM}|${SPELLED})(?:\s(?:or|to)\s(?:${NUM}|${SPELLED})|(?<=between\s[^\s]+)\sand\s(?:${NUM}|${SPELLED}))?(?:\sand\sa\shalf)?)`;
/** A spelled amount of millions: `nine million`, `half a million`, `a quarter of a billion`, `a million`. */
const SPELLED_SCALE = String.raw`(?:[Hh]alf\sa|[Aa]\s(?:quarter|third|half)\sof\sa|[Aa]|${SPELLED})\s(?:trillion|billion|million)`;
/** Nouns after which `a third` is the third one, not a fraction: `a third term`, `a fifth time`, `a third Spider-Man`. */
const ORDINAL_NOUN = String.raw`(?:term|round|straight|successive|consecutive|week|month|year|day|runway|place|bid|party|defendant|quarter|time|series|appearance|win|title|success|penalty|set|channel|try|reading|generation|goal|match|game|season|attempt|way|leg|test|stage|film|album|book|child|son|daughter|victim|case|edition|person|man|woman|world)`;
const FRACTION = String.raw`(?:[Aa]\s)?quarter\sof\sa\s(?:century|decade)|[Hh]alf\sa\s(?:century|decade)|(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine)[- ](?:halves|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)|a\s(?:quarter|(?:third|fifth|tenth)(?!\s(?:[A-Z]|${ORDINAL_NOUN}\b)))(?![A-Za-z-])|half-(?:hour|day|year|century|dozen)`;
const YEAR = String.raw`(?:1[89]\d\d|20\d\d)`;
/** A year naming a period rather than counting them: `the 2003 fiscal year`, `the 2004 and 2005 seasons`. */
const YEAR_NAMING_PERIOD = String.raw`${YEAR}\s(?:[a-z]+\s)?(?:year|season|month|week|day|quarter|decade|century|night|time)s?\b`;
/**
 * Lowercase words ending in s that are not counted nouns: words in -ss, -us, -is (`success`, `infectious`,
 * `analysis`), verbs (`Halo 2 sells`, `above 50 indicates`) and others.
 */
const NOT_NOUN = String.raw`(?:[a-z]*(?:ss|us|is)|news|says|means|remains|matters|indicates|sells|seems|looks|makes|takes|comes|was|has|its|as|yes|always|whereas|perhaps|does|goes|ours|hers|theirs|yours|whose|besides|towards|afterwards|sometimes|nevertheless|becomes|indoors|outdoors|overseas|nowadays|upstairs|downstairs|sideways|backwards|forwards)`;

/** Words between an amount and its unit that do not describe the unit (`813,200 last month`, `5 a year`). */
const NOT_UNIT_ADJECTIVE = String.raw`(?!(?:last|next|this|that|these|those|a|an|the|per|each|every|in|of|on|at|for|to|from|and|or|by|than)\s)`;

// A figure never starts or ends inside a word.
// `\b` (ASCII) rather than a Unicode lookbehind: it lets the regex engine skip ahead, several times faster.
const B = String.raw`\b`;
// Letters and digits of the Latin, Greek and Cyrillic blocks spelled out: `\p{L}` needs the u flag, which
// makes every pattern here several times slower.
const WORD_CHAR = String.raw`0-9A-Za-z_\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF`;
const E = String.raw`(?![${WORD_CHAR}])`;

/** What a pattern can begin with: a digit, anything else (a word, a currency sign, an apostrophe), or either. */
const DIGIT = 1;
const WORD = 2;
const EITHER = DIGIT | WORD;

const PATTERNS: [number, string][] = [
  // Amounts with the currency after: 5bn euros, 300 yen, 1.2bn Swiss francs, 1,500円
  [DIGIT, String.raw`${B}(?:${NUM})(?:\s?${SCALE}${E})?\s${CURRENCY_AFTER}${E}`],
  [DIGIT, String.raw`${B}(?:${NUM})\s?[円元₩]`],
  // Ranges, halves and fractions with a unit or time noun: four or five years, nine and a half hours
  // (a year starts no range: `from 102 in 2003 to 81 last year`; `last`, `a` are no adjective of the unit:
  // `fell 11,000 to 813,200 last month`)
  [EITHER, String.raw`${B}(?!${YEAR_NAMING_PERIOD}|${YEAR}\s(?:or|to|and)\s)(?:minus\s)?${AMOUNT}\s(?:${NOT_UNIT_ADJECTIVE}[a-z]+\s)?(?:${TIME_NOUN}|${UNIT_WORD})(?:\s(?:centigrade|celsius|Celsius|fahrenheit|Fahrenheit))?(?:\sper\s(?:second|minute|hour|day|week|month|year))?${E}`],
  [WORD, String.raw`${B}(?:${FRACTION})${E}`],
  [EITHER, String.raw`${B}(?:${NUM}|${SPELLED})\sout\sof\s(?:${NUM}|${SPELLED})${E}`],
  // Proportions: two in five, 1 in 10 (not `5 in 2003`, `1912 in 38.07 seconds`, `one in three weeks`)
  [EITHER, String.raw`${B}(?:\d{1,3}|${SPELLED})\sin\s(?:\d{1,3}(?![\d,]|\.\d)|${SPELLED})${E}(?!\s(?:${TIME_NOUN}|${UNIT_WORD})${E})`],
  // Clock times in words: four o'clock
  [EITHER, String.raw`${B}(?:${SPELLED}|\d{1,2})\so['’]clock`],
  // A number joined to a unit as an adjective: 24-carat, 100-metre, 18-hole
  [DIGIT, String.raw`${B}\d+(?:\.\d+)?-(?:carat|inch|foot|ft|metre|meter|mile|kilometre|km|yard|point|seat|storey|strong|man|member|page|piece|hole|lap|game|match|person|mph|litre|tonne|ton|acre|bed|bedroom|megapixel|megabyte|gigabyte|bit|cent|pence|pound|dollar|euro)${E}`],
  // Money: $172.4 billion, £3.5m, €20bn, $234,000, US$5
  [WORD, String.raw`${CURRENCY_SYMBOL}\s?(?:${NUM})(?:\s?${SCALE}${E})?(?:-(?:${NUM})(?:\s?${SCALE}${E})?)?`],
  // Percentages: 32%, 32 percent, 4.5 per cent, 10-15%
  [DIGIT, String.raw`${B}(?!${YEAR}\sto\s)(?:${NUM})(?:\s?(?:-|–|to)\s?(?:${NUM}))?${PERCENT}`],
  [WORD, String.raw`${B}${SPELLED}${PERCENT}`],
  // Dates: 2022-12-14, 14/12/2022, Sept. 8, 2022, December 14, 5 May, 7 March 1985, August 2003
  [DIGIT, String.raw`${B}\d{4}-\d{2}-\d{2}${E}`],
  [DIGIT, String.raw`${B}\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})${E}`],
  // A day and month, or odds, with a slash: 9/11, 5/4 (whole, not `9` and `11 attacks`)
  [DIGIT, String.raw`${B}\d{1,2}/\d{1,2}${E}`],
  [WORD, String.raw`${B}${MONTH}\s\d{1,2}(?:st|nd|rd|th)?${E}(?:,?\s${YEAR}${E})?`],
  [DIGIT, String.raw`${B}\d{1,2}(?:st|nd|rd|th)?\s(?:of\s)?${MONTH}(?:,?\s${YEAR})?${E}`],
  [WORD, String.raw`${B}${MONTH}\s${YEAR}${E}`],
  // Times: 10:30, 10:30pm, 7pm, 7.30am, 2000 GMT (a 24-hour time is told from a year by its time zone)
  [DIGIT, String.raw`${B}(?:[01]\d|2[0-3])[0-5]\d\s?(?:GMT|BST|UTC)${E}`],
  [DIGIT, String.raw`${B}\d{1,2}[:.]\d{2}\s?(?:am|pm|a\.m\.|p\.m\.)|${B}\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)${E}|${B}\d{1,2}:\d{2}${E}`],
  // Scores and ranges: 3-1, 6-3 3-6 6-3, 7-6 (7-2) 6-4 (a tie-break inside a run of set scores), 2004-05
  [DIGIT, String.raw`${B}\d{1,3}-\d{1,3}(?:(?:\s\(\d{1,2}-\d{1,2}\))?\s\d{1,3}-\d{1,3})+(?:\s\(\d{1,2}-\d{1,2}\))?${E}|${B}\d{1,3}-\d{1,3}${E}`],
  [DIGIT, String.raw`${B}${YEAR}[-–/]\d{1,2}(?:\d{2})?${E}`],
  // Ages and durations as adjectives: 32-year-old, five-year, 10-times, an eleven year-old, 10 to 28-year-olds,
  // the 79th-minute
  [EITHER, String.raw`${B}(?:(?:${NUM}|${SPELLED})\s(?:to|or)\s)?(?:${NUM}|${SPELLED})-${TIME_NOUN.replace('times', 'times?')}(?:-olds?)?${E}`],
  [EITHER, String.raw`${B}(?:(?:${NUM}|${SPELLED})\s(?:to|or)\s)?(?:${NUM}|${SPELLED})\s(?:year|month|week)-olds?${E}`],
  [DIGIT, String.raw`${B}\d+(?:st|nd|rd|th)-${TIME_NOUN.replace('times', 'time')}${E}`],
  // A spelled number joined to a measure: six-yard box, 10-mile (not `two-goal`, `three-point`: counts, not measures)
  [WORD, String.raw`${B}${SPELLED}-(?:carat|inch|foot|metre|meter|mile|kilometre|yard|litre|tonne|ton|acre|megapixel)${E}`],
  // Heights and relays: 6ft 4in, 4x100m
  [DIGIT, String.raw`${B}\d+ft\s?\d{1,2}in${E}|${B}\d[x×]\d{3}m${E}`],
  // Heights in feet and inches: 6'2"
  [DIGIT, String.raw`${B}\d['′]\s?\d{1,2}(?:"|″|''|(?![${WORD_CHAR}]))`],
  // Decades: 1990s, ’90s
  [EITHER, String.raw`(?:${B}\d{4}s|(?<![${WORD_CHAR}])['’]\d0s|${B}\d0s)${E}`],
  // Number with scale and what it counts: 52 million shares, 2bn people
  [DIGIT, String.raw`${B}(?:${NUM})\s?${SCALE_WORD}(?:\s(?:${CURRENCY_WORD}|(?!${NOT_NOUN}${E})[a-z]+s))?${E}`],
  [DIGIT, String.raw`${B}(?:${NUM})(?:bn|m|tn|K)${E}`],
  [WORD, String.raw`${B}${SPELLED_SCALE}(?:\s(?:${CURRENCY_WORD}|people|men|women|children|(?!${NOT_NOUN}${E})[a-z]+s))?${E}`],
  // A number in millions with what it counts: 1m websites, 5bn people (not a race: 100m hurdles)
  [DIGIT, String.raw`${B}(?:${NUM})(?:bn|m|tn)\s(?!${NOT_NOUN}${E}|hurdles|heats|relays|finals|races|titles|records|times|medals|events|runners)[a-z]+s${E}`],
  // Pence and temperatures: 50p, 35C
  [DIGIT, String.raw`${B}(?:${NUM})[pCF]${E}`],
  // Number with unit: 500 km, 100m, 12 barrels, 570 rupees
  [DIGIT, String.raw`${B}(?:${NUM})\s?${UNIT_ABBR}${E}`],
  [DIGIT, String.raw`${B}(?!${YEAR_NAMING_PERIOD})(?:${NUM})(?:\s?(?:-|–|to)\s?(?:${NUM}))?\s(?:${TIME_NOUN}|${UNIT_WORD}|${CURRENCY_WORD})${E}`],
  // Spelled number with a unit or time noun: two decades, eleven months, three times
  [WORD, String.raw`${B}${SPELLED}\s(?:${TIME_NOUN}|${UNIT_WORD})${E}`],
  // Counted noun after a digit number (not a year): 1,200 troops, 800,000 copies, 1.3 billion people, 12
  // chart-toppers (not an adjective: `50,000 with-profits investors`)
  [DIGIT, String.raw`${B}(?!${YEAR}${E})(?:${NUM})\s(?!${NOT_NOUN}${E})(?:(?!with-)[a-z]+-)?[a-z]+s${E}`],
  [DIGIT, String.raw`${B}(?:${NUM})(?:\s${SCALE_WORD})?\s(?:people|men|women|children|staff|personnel)${E}`],
  // Ordinals in digits: 20th
  [DIGIT, String.raw`${B}(?:\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th)${E}`],
  // Any other number in digits, a mistyped one whole (`3.817.69`)
  [DIGIT, String.raw`${B}\d+(?:\.\d+){2,}${E}|${B}(?:${NUM})${E}`],
];

/**
 * Where a figure can begin: a digit, a currency sign, a number word, a month, `minus`, `a quarter`,
 * `half-`, an apostrophe before a decade. Every pattern starts with one of these, so one scan for them
 * and a sticky match at each is the same as every pattern scanning the whole paragraph, several
 * times faster (most words start nothing).
 */
const FIGURE_START_SOURCE =
  String.raw`(?:US|A|C|HK|NZ|R)\$|[$£€¥₹₽]|['’](?=\d0s)|\b(?:\d|${SPELLED_UNIT}|${MONTH}|minus\s|[Aa]\s(?=quarter|third|fifth|tenth|hundred|thousand|dozen|million|billion|trillion)|quarter\s(?=of\sa\s)|[Hh]alf(?:-|\s(?=a\s)))`;

/**
 * The patterns, each matching only where it is tried (at the places FIGURE_START finds), built on first
 * use: building them at import would cost every start of the program a few milliseconds.
 */
let compiled: { start: RegExp; atDigit: RegExp[]; atWord: RegExp[] } | undefined;
function figurePatterns(): { start: RegExp; atDigit: RegExp[]; atWord: RegExp[] } {
  if (compiled) return compiled;
  const sticky = PATTERNS.map(([starts, source]) => ({ starts, pattern: new RegExp(source, 'y') }));
  const startingWith = (kind: number): RegExp[] => sticky.filter(({ starts }) => (starts & kind) !== 0).map(({ pattern }) => pattern);
  return (compiled = { start: new RegExp(FIGURE_START_SOURCE, 'g'), atDigit: startingWith(DIGIT), atWord: startingWith(WORD) });
}

/**
 * Numbers that are part of a name, not an amount: a product or model (`CX-40`, `F-16`), a station or
 * address (`Radio 4`, `No 10`), a drug, machine or team (`Cox-2`, `Cray-1`, `Under-21`), an HTML character reference left in the text (`caf&#233;`), the decimals
 * of a version joined to its letter (`v2.0`).
 */
const NAMED_NUMBER =
  /(?:[A-Z]{1,3}-|\b(?!(?:Mid|Pre|Post|Late|Early)-)[A-Z][a-z]{1,5}-|&#x?|[A-Za-z]\d+\.|\b(?:Radio|Channel|Number|No|Windows|PlayStation|Xbox|Apollo|Formula|[Vv]ersion|Pack|Article|Section|Clause|Chapter|Episode|FTSE|Nikkei)\s)$/;
/**
 * A single digit after a hyphenated title is its sequel (`Spider-Man 2`, `Half-Life 2`); a substitute's
 * minute after a double-barrelled name (`(Wright-Phillips 83)`) has two digits or a bracket after it.
 */
const SEQUEL_TITLE = /\b[A-Z][a-z]+-[A-Z][a-z]+\s$/;
/**
 * After a capitalised word inside a sentence, a decimal alone is a version (`Firefox 1.0`) and a single
 * digit alone, or with a plural after it, is part of a name (`Shrek 2`, `Maroon 5`, `BBC 6 Music`,
 * `Halo 2 sells`, `Fahrenheit 9/11`); not after a day (`on Thursday 9`), and a line-up's minutes have two digits. At a
 * sentence's start only an all-capitals name counts (`ICO 2`).
 */
const NAME_BEFORE =
  /[a-z,;:]\s(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s)[A-Z][A-Za-z]*\s$|[.!?]\s[A-Z]{2,}\s$/;
/**
 * Numbers that begin a name: a rapper (`50 Cent`), an address (`10 Downing Street`), a title that goes on
 * capitalised after a capitalised time noun (`24 Hour Party People`, `28 Days Later`).
 */
const NAME_AFTER =
  /^\d+\s(?:Cent\b|(?:[A-Z][a-z]+\s){1,2}(?:Street|Road|Avenue|Lane|Square|Terrace|Place|Crescent|Drive)\b|(?:Hours?|Days?|Weeks?|Months?|Years?|Minutes?|Seconds?|Nights?)\s[A-Z])/;
/** The second of two names' numbers (`Dead Or Alive 1 and 2`, `Radio 1 and 2`): where it starts. */
const AND_NAMED = /^\s(?:and|&|or)\s(?=\d(?![\d.,]?\d))/;
/** `one day` meaning some day, after a modal (`will one day stand down`), is no duration. */
const MODAL_BEFORE = /\b(?:will|would|may|might|could|should|can|must|shall)\s(?:not\s|never\s|also\s)?$/;
const NAME_NUMBER = /^(?:\d+\.\d+|\d(?:\s[a-z]+s)?|\d\/\d{1,2})$/;
/**
 * Longer numbers after a capitalised word name a model, chart or channel when a lowercase word follows
 * (`Commodore 64 computer`, `Hot 100 chart`, `Series 60 phone`); not a year, and not a line-up's minute
 * (`Gerrard 79 og`, `Thompson 48 pen`, `(Baros 74)`).
 */
const NAME_LONG_NUMBER = /^\d{2,4}$/;
const LOWERCASE_AFTER = /^\s(?!og\b|pen\b)[a-z]/;
const YEAR_ONLY = /^(?:1[89]|20)\d\d$/;
/** The whole number at a place, so that a number skipped as a name is not read again from its decimals. */
const NUMBER_TOKEN = /[\d.,/]*\d/y;
/** A number written with a leading zero is a code (`056`, `007`), not an amount; `0730`, `07:30` and `0.5` are. */
const CODE_NUMBER = /^0(?!\d[0-5]\d(?![\d:]|[.,]\d))\d+(?![\d:]|\.\d)/;
const NOT_FIGURES = new Set(['one-time']);

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

function isSequel(text: string, at: number): boolean {
  return (
    text.charCodeAt(at - 1) === 32 &&
    /\d/.test(text.charAt(at)) &&
    !/[\d)\-/]/.test(text.charAt(at + 1)) &&
    SEQUEL_TITLE.test(text.slice(Math.max(0, at - 30), at))
  );
}

/** Skips the number at `at` as part of a name; returns where the number of a second name joined to it starts. */
function skipNumber(scan: RegExp, text: string, at: number): number {
  NUMBER_TOKEN.lastIndex = at;
  if (NUMBER_TOKEN.exec(text) === null) return -1;
  scan.lastIndex = Math.max(scan.lastIndex, NUMBER_TOKEN.lastIndex);
  const joined = AND_NAMED.exec(text.slice(NUMBER_TOKEN.lastIndex, NUMBER_TOKEN.lastIndex + 12));
  return joined === null ? -1 : NUMBER_TOKEN.lastIndex + joined[0].length;
}

/** Figure spans in one paragraph, sorted and non-overlapping. */
export function findFigureSpans(text: string): Span[] {
  const candidates: Span[] = [];
  let lastStart = -1;
  let namedNext = -1;
  const { start: FIGURE_START, atDigit, atWord } = figurePatterns();
  FIGURE_START.lastIndex = 0;
  for (let start = FIGURE_START.exec(text); start !== null; start = FIGURE_START.exec(text)) {
    const at = start.index;
    if (at === lastStart) continue;
    lastStart = at;
    const named =
      at === namedNext ||
      NAMED_NUMBER.test(text.slice(Math.max(0, at - 16), at)) ||
      isSequel(text, at) ||
      (isDigit(text.charCodeAt(at)) && NAME_AFTER.test(text.slice(at, at + 40)));
    if (named || (text.charCodeAt(at) === 48 && CODE_NUMBER.test(text.slice(at, at + 12)))) {
      const next = skipNumber(FIGURE_START, text, at);
      if (named) namedNext = next;
      continue;
    }
    let end = -1;
    const code = text.charCodeAt(at);
    for (const pattern of isDigit(code) ? atDigit : atWord) {
      pattern.lastIndex = at;
      const match = pattern.exec(text);
      if (match === null || NOT_FIGURES.has(match[0])) continue;
      end = Math.max(end, at + match[0].length);
    }
    if (end === -1) continue;
    const figure = text.slice(at, end);
    const nameShaped =
      NAME_NUMBER.test(figure) ||
      (NAME_LONG_NUMBER.test(figure) && !YEAR_ONLY.test(figure) && LOWERCASE_AFTER.test(text.slice(end, end + 4)));
    if (nameShaped && NAME_BEFORE.test(text.slice(Math.max(0, at - 30), at))) {
      namedNext = skipNumber(FIGURE_START, text, at);
      continue;
    }
    if (end - at === 7 && /^[Oo]ne day$/.test(text.slice(at, end)) && MODAL_BEFORE.test(text.slice(Math.max(0, at - 20), at))) continue;
    candidates.push({ start: at, end });
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
