/**
 * Dates as news text writes them, to ISO `YYYY-MM-DD`. Only whole dates with a
 * year are accepted: a guessed year is worse than the file's mtime.
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

const PATTERNS: Array<{ re: RegExp; pick: (m: RegExpExecArray) => [number, number, number] }> = [
  // 2022-12-14, 2022/12/14, 2022_12_14
  { re: /(?<!\d)((?:19|20)\d\d)[-/_.](\d\d?)[-/_.](\d\d?)(?!\d)/, pick: (m) => [+m[1]!, +m[2]!, +m[3]!] },
  // 20221214 (file names)
  { re: /(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)/, pick: (m) => [+m[1]!, +m[2]!, +m[3]!] },
  // Sept. 8, 2022 / December 14 2022
  { re: new RegExp(`\\b${MONTH}\\s+(\\d\\d?)(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d\\d)\\b`, 'i'), pick: (m) => [+m[3]!, monthNumber(m[1]!), +m[2]!] },
  // 14 December 2022
  { re: new RegExp(`\\b(\\d\\d?)(?:st|nd|rd|th)?\\s+${MONTH},?\\s+((?:19|20)\\d\\d)\\b`, 'i'), pick: (m) => [+m[3]!, monthNumber(m[2]!), +m[1]!] },
  // 14/12/2022: day first unless that cannot be (12/14/2022)
  {
    re: /(?<!\d)(\d\d?)[/.](\d\d?)[/.]((?:19|20)\d\d)(?!\d)/,
    pick: (m) => (+m[2]! > 12 ? [+m[3]!, +m[1]!, +m[2]!] : [+m[3]!, +m[2]!, +m[1]!]),
  },
];

function monthNumber(name: string): number {
  return MONTHS[name.toLowerCase().replace('.', '')] ?? 0;
}

function isValid(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first whole date in the text, as ISO, with the matched text; undefined if none. */
export function findDate(text: string): { iso: string; text: string } | undefined {
  let best: { iso: string; text: string; index: number } | undefined;
  for (const { re, pick } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const [y, mo, d] = pick(m);
    if (!isValid(y, mo, d)) continue;
    if (!best || m.index < best.index) best = { iso: isoDate(y, mo, d), text: m[0], index: m.index };
  }
  return best && { iso: best.iso, text: best.text };
}

/** A front matter date: ISO date or timestamp, or any form findDate knows. */
export function parseDateValue(value: string): string | undefined {
  const iso = /^\s*((?:19|20)\d\d)-(\d\d)-(\d\d)(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?\s*$/.exec(value);
  if (iso && isValid(+iso[1]!, +iso[2]!, +iso[3]!)) return isoDate(+iso[1]!, +iso[2]!, +iso[3]!);
  return findDate(value)?.iso;
}

export function isoFromMtime(mtimeMs: number): string {
  const d = new Date(mtimeMs);
  return isoDate(d.getFullYear(), d.getMonth() + 1, d.getDate());
}
