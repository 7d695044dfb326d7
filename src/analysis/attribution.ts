/**
 * Attributing quotations to speakers. Works on the narration only: each
 * paragraph with its quotations blanked out, so names and verbs inside quoted
 * speech never count.
 *
 * For each quotation, in order: a speech verb right after it in the same
 * sentence (`," he added`, `," said Peskov`), else the last speech verb before
 * it in the same sentence (`Smith asserted that … “`), else `according to X`.
 * The subject is a name (titles stripped: `Foreign Minister Wang Yi` → `Wang Yi`),
 * a pronoun (the most recent person named before it), or a description
 * (`the Chinese foreign minister`) matched against the words that introduced
 * a person. A quotation with no verb of its own takes the speaker of the
 * previous quotation in its paragraph, unless someone else is named between
 * them, and a reopened quotation shares its speaker with the one it continues.
 * When in doubt it gives no speaker: a wrong name is worse than none.
 */
import type { QuoteSpan } from './quotes.js';

const MASK = '\u00a4'; // ¤: not a letter, space or sentence end
/** How far before a speech verb to look for its subject, in UTF-16 units. */
const SUBJECT_REACH = 160;

const SPEECH_VERB =
  'said|says|say|told|tells|added|adds|asserted|asserts|insisted|insists|explained|explains|stated|declared|declares|described|describes|claimed|claims|argued|argues|warned|warns|noted|notes|stressed|stresses|wrote|writes|announced|admitted|admits|replied|replies|remarked|commented|suggested|urged|acknowledged|conceded|predicted|promised|revealed|recalled|observed|joked|confirmed|asked|asks|concluded|cautioned|reported|insisting|saying|adding|telling|warning';
const AUX = /\s+(?:has|had|have|was|is|also|later|then|previously|once|reportedly|simply|just|quickly|repeatedly|recently|would|will|had\s+been)$/;
const TITLE_WORDS = new Set(
  'President Vice Prime Minister Secretary Ambassador Chancellor Senator Sen Governor Gov Mr Mrs Ms Miss Dr Sir Lord Lady Dame Prof Professor General Gen Judge Justice Chairman Chairwoman Spokesman Spokeswoman Coach Manager Prince Princess King Queen Pope Rev Reverend Captain Capt Commissioner Mayor Premier Director Chief Executive Leader Representative Rep Foreign Finance Home Defence Defense Interior Trade Health Economy Deputy Foreign Attorney Ex-Home Ex-President Former Father Sister Brother Bishop Archbishop Cardinal Sheikh Colonel Col Lieutenant Lt Sergeant Sgt Officer Inspector Detective Constable Agent Editor Chairperson Speaker'.split(' '),
);
const ROLE_NOUNS = new Set(
  'spokesman spokeswoman spokesperson minister secretary president chairman chairwoman chief executive director manager coach winger striker midfielder defender goalkeeper keeper captain champion star leader ambassador analyst economist official aide adviser advisor founder brother sister wife husband son daughter father mother singer actor actress designer medallist player boss editor professor researcher scientist expert lawyer spokesperson senator governor mayor envoy general officer executives analysts chancellor premier'.split(' '),
);
/** Capitalised words that start a run but are not names (sentence openers and such). */
const NOT_NAME = new Set(
  'The A An In On At But And Or During When While Last This That These Those It He She They We I You His Her Their Our My For From With After Before Despite Yet Some Much Many Most Both Each Every No Not So If As By Since Until Then There Here What Why How Who Where Meanwhile However Also Today Yesterday Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Mr Mrs Ms Dr'.split(' '),
);
/** Last words of capitalised runs that name places and organisations, not people. */
const NOT_PERSON_TAIL = new Set(
  'Sea Street Council Party Union Bank Group Times Journal Post News Ocean River City Road Square Club United Agency Ministry Office Department Committee Commission Company Corporation Airlines House Hall Court Park Centre Center Stadium University College School Institute Association Alliance Federation League Cup Championships Olympics Games Awards Prize Festival Organisation Organization Forces Army Navy Police Service Market Exchange Kingdom States Republic Island Islands Mountains Valley East West North South Live Radio Television Channel Inc Ltd Plc Motors Warner'.split(' '),
);

const NAME_WORD = String.raw`(?:\p{Lu}\p{Ll}[\p{L}'’-]*|\p{Lu}['’]\p{Lu}\p{Ll}+|\p{Lu}\.)`;
const NAME_RUN = new RegExp(String.raw`${NAME_WORD}(?:\s+${NAME_WORD})*`, 'gu');
const NAME_RUN_AT_END = new RegExp(String.raw`(?:^|[^\p{L}])(${NAME_WORD}(?:\s+${NAME_WORD}){0,5})$`, 'u');
const NAME_RUN_AT_START = new RegExp(String.raw`^(${NAME_WORD}(?:\s+${NAME_WORD}){0,5})`, 'u');
const VERB_AT = new RegExp(String.raw`\b(?:${SPEECH_VERB})(?![\p{L}])`, 'gu');
const ACCORDING_TO = /according to\s+([^,.;:!?¤]{1,80})/u;

interface NameRun {
  index: number;
  raw: string;
  title: string[];
  name: string[];
}

interface Person {
  name: string;
  words: string[];
  /** Lowercased words that introduced the person (`chinese foreign minister`, `kremlin spokesman`). */
  intro: string[];
}

interface Mention {
  paragraph: number;
  offset: number;
  person: Person;
  /** Possessive or after a preposition (`Harry's costume`, `to Xi`): not who a following `he` means. */
  oblique: boolean;
}

/** Position in the article, comparable across paragraphs. */
const before = (a: { paragraph: number; offset: number }, b: { paragraph: number; offset: number }): boolean =>
  a.paragraph < b.paragraph || (a.paragraph === b.paragraph && a.offset < b.offset);

function stripPossessive(word: string): string {
  return word.replace(/['’]s$/u, '').replace(/['’]$/u, '');
}

/** Splits a run like `Chinese Foreign Minister Wang Yi` into title words and name words. */
function splitTitle(run: string): { title: string[]; name: string[] } {
  const words = run.split(/\s+/).filter((w) => w.length > 0);
  let lastTitle = -1;
  words.forEach((w, i) => {
    // A possessive before more words is a description: `Beijing’s Foreign Minister`.
    if (TITLE_WORDS.has(stripPossessive(w)) || (/['’]s$/u.test(w) && i < words.length - 1)) lastTitle = i;
  });
  let first = lastTitle + 1;
  while (first < words.length && NOT_NAME.has(words[first]!)) first++;
  const name = words.slice(first).map(stripPossessive);
  // Names are at most three words; longer runs are organisations or headlines.
  return { title: words.slice(0, lastTitle + 1), name: name.length <= 3 ? name : [] };
}

/** The narration of one paragraph: quotations replaced by MASK, same length. */
function maskQuotes(text: string, quotes: readonly QuoteSpan[]): string {
  let out = '';
  let at = 0;
  for (const q of quotes) {
    out += text.slice(at, q.start) + MASK.repeat(q.end - q.start);
    at = q.end;
  }
  return out + text.slice(at);
}

const ABBREVIATION = /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|St|Sen|Gov|Gen|Rep|Lt|Col|Jr|Sr|Inc|Co|Corp|Ltd|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z](?:\.[A-Z])*)$/;

/** Sentence end offsets (exclusive) in a masked paragraph. */
function sentenceEnds(masked: string, original: string): number[] {
  const ends: number[] = [];
  for (let i = 0; i < masked.length; i++) {
    const c = masked[i]!;
    const quoteEndsSentence = c === MASK && masked[i + 1] !== MASK && /[.]['"’”»]?$/u.test(original.slice(Math.max(0, i - 1), i + 1));
    if (c !== '.' && c !== '!' && c !== '?' && !quoteEndsSentence) continue;
    const next = masked[i + 1];
    if (next !== undefined && !/\s/.test(next)) continue;
    if (c === '.' && ABBREVIATION.test(masked.slice(Math.max(0, i - 8), i))) continue;
    ends.push(i + 1);
  }
  ends.push(masked.length);
  return ends;
}

interface Subject {
  kind: 'name' | 'pronoun' | 'description';
  text: string;
  offset: number;
  /** A one-word name given with a title or role (`Mr Davey`, `his brother Anil`): worth reporting even unresolved. */
  introduced?: boolean;
}

/** The speaker phrase that ends `prefix` (the text just before a speech verb). */
function subjectAtEnd(prefix: string, baseOffset: number): Subject | undefined {
  // A subject sits within a few words of its verb; looking further only costs time on long paragraphs.
  const cut = Math.max(0, prefix.length - SUBJECT_REACH);
  if (cut > 0) return subjectAtEnd(prefix.slice(cut), baseOffset + cut);
  let text = prefix.replace(/\s+$/u, '');
  // Skip auxiliaries and adverbs (`has`, `later`) and one appositive (`Anil, the vice-chairman,`).
  for (let guard = 0; guard < 4; guard++) {
    const stripped = text.replace(AUX, '').replace(/,[^,¤]{1,80},$/u, '').replace(/\s+$/u, '');
    if (stripped === text) break;
    text = stripped;
  }
  const pronoun = /(?:^|[^\p{L}])(he|she|He|She)$/u.exec(text);
  if (pronoun) return { kind: 'pronoun', text: pronoun[1]!, offset: baseOffset + text.length - pronoun[1]!.length };
  const run = NAME_RUN_AT_END.exec(text);
  if (run) {
    const runText = run[1]!;
    const runStart = text.length - runText.length;
    const precededByThe = /(?:^|\s)(?:the|The)\s+$/u.test(text.slice(0, runStart));
    const { title, name } = splitTitle(runText);
    // `the Wall Street Journal reported` names an organisation, not a person.
    if (name.length > 0 && !precededByThe) {
      const wordBefore = /(\p{L}+)\s+$/u.exec(text.slice(0, runStart))?.[1]?.toLowerCase();
      const introduced = title.length > 0 || (wordBefore !== undefined && ROLE_NOUNS.has(wordBefore));
      return { kind: 'name', text: name.join(' '), offset: baseOffset + runStart, introduced };
    }
    if (name.length === 0 && title.length > 0) return { kind: 'description', text: runText, offset: baseOffset + runStart };
  }
  const description = /(?:^|\s)(?:the|The)\s+((?:[\p{L}-]+\s+){0,3}[\p{L}-]+)$/u.exec(text);
  if (description) return { kind: 'description', text: description[1]!, offset: baseOffset + text.length - description[1]!.length };
  return undefined;
}

/** The speaker phrase that starts `suffix` (the text just after an inverted speech verb: `said Peskov`). */
function subjectAtStart(suffix: string, baseOffset: number): Subject | undefined {
  const lead = /^\s+/u.exec(suffix)?.[0].length ?? 0;
  const text = suffix.slice(lead);
  const pronoun = /^(he|she)(?![\p{L}])/u.exec(text);
  if (pronoun) return { kind: 'pronoun', text: pronoun[1]!, offset: baseOffset + lead };
  const run = NAME_RUN_AT_START.exec(text);
  if (run) {
    const { title, name } = splitTitle(run[1]!);
    if (name.length > 0) return { kind: 'name', text: name.join(' '), offset: baseOffset + lead, introduced: title.length > 0 };
    if (title.length > 0) return { kind: 'description', text: run[1]!, offset: baseOffset + lead };
  }
  // `said coach Li Wei`, `said party spokesman John Smith`
  const roleThenName = new RegExp(String.raw`^((?:[\p{Ll}-]+\s+){1,3})(${NAME_WORD}(?:\s+${NAME_WORD}){0,5})`, 'u').exec(text);
  if (roleThenName) {
    const role = roleThenName[1]!.trim().split(/\s+/).at(-1)!;
    const { name } = splitTitle(roleThenName[2]!);
    if (ROLE_NOUNS.has(role) && name.length > 0) {
      return { kind: 'name', text: name.join(' '), offset: baseOffset + lead + roleThenName[1]!.length, introduced: true };
    }
  }
  const description = /^the\s+((?:[\p{L}'’-]+\s+){0,3}?[\p{L}'’-]+)(?=\s*(?:[,.;:!?]|$|who\b|of\b))/u.exec(text);
  if (description) {
    // `said the alliance’s president, Dolores Ruiz-Whitman`: the name in apposition wins.
    const rest = text.slice(4 + description[1]!.length);
    const apposition = new RegExp(String.raw`^,\s+(${NAME_WORD}(?:\s+${NAME_WORD}){1,2})(?=\s*(?:[,.;:!?]|$))`, 'u').exec(rest);
    if (apposition) return { kind: 'name', text: apposition[1]!, offset: baseOffset + lead + 4 + description[1]!.length + 2 };
    return { kind: 'description', text: description[1]!, offset: baseOffset + lead + 4 };
  }
  return undefined;
}

class Speakers {
  private readonly persons: Person[] = [];
  private mentions: Mention[] = [];
  /** Two- and three-word capitalised runs: the full names a surname may stand for. */
  private readonly fullNames: { paragraph: number; offset: number; words: string[] }[] = [];
  private readonly fullNamesByPart = new Map<string, { paragraph: number; offset: number; words: string[] }[]>();
  /** Lookups that would otherwise scan every person for every name (quadratic on long articles). */
  private readonly personByName = new Map<string, Person>();
  private readonly personByPart = new Map<string, Person>();

  /** Capitalised runs per paragraph, split once: every pass below walks them. */
  private readonly runs: NameRun[][];

  constructor(private readonly masked: readonly string[]) {
    this.runs = masked.map((text) => [...text.matchAll(NAME_RUN)].map((m) => ({ index: m.index, raw: m[0], ...splitTitle(m[0]) })));
    this.runs.forEach((runs, paragraph) => {
      for (const { index, name } of runs) {
        if (name.length >= 2 && !NOT_PERSON_TAIL.has(name.at(-1)!)) {
          const entry = { paragraph, offset: index, words: name };
          this.fullNames.push(entry);
          // Indexed by first and last word (what isNamePart compares), in text order.
          for (const word of new Set([name[0]!, name.at(-1)!])) {
            const list = this.fullNamesByPart.get(word);
            if (list) list.push(entry);
            else this.fullNamesByPart.set(word, [entry]);
          }
        }
      }
    });
    this.registerIntroducedPeople();
    this.indexMentions();
  }

  /** People named with a title or role (`Foreign Minister Wang Yi`, `spokesman Dmitry Peskov`) or as a speaker. */
  private registerIntroducedPeople(): void {
    this.masked.forEach((text, paragraph) => {
      for (const run of this.runs[paragraph]!) {
        const { title, name } = run;
        const m = { index: run.index, 0: run.raw };
        if (name.length === 0) continue;
        const lowerBefore = text.slice(Math.max(0, m.index - 40), m.index).toLowerCase().split(/[^\p{L}-]+/u).filter(Boolean);
        const role = lowerBefore.at(-1);
        const isRole = role !== undefined && ROLE_NOUNS.has(role) && /\s/.test(text[m.index - 1] ?? '');
        const after = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
        const appositive = /^,\s+(?:a|an|the|who)\s/u.test(after);
        if (title.length > 0 || isRole || (appositive && name.length >= 2)) {
          const intro = [...lowerBefore.slice(-3), ...title.map((w) => w.toLowerCase())];
          this.addPerson(name, intro, { paragraph, offset: m.index });
        }
      }
      for (const v of text.matchAll(VERB_AT)) {
        const subject =
          subjectAtEnd(text.slice(0, v.index), 0) ??
          subjectAtStart(text.slice(v.index + v[0].length, v.index + v[0].length + SUBJECT_REACH), v.index + v[0].length);
        if (subject?.kind === 'name') this.addPerson(subject.text.split(' '), [], { paragraph, offset: subject.offset });
      }
    });
  }

  private addPerson(words: string[], intro: string[], at: { paragraph: number; offset: number }): Person | undefined {
    // A lone surname counts as a person only when a title or role introduced it (`Lord Janner`).
    const full = words.length >= 2 ? words : (this.fullNameFor(words[0]!, at) ?? (intro.length > 0 ? words : undefined));
    if (full === undefined) return undefined;
    const name = full.join(' ');
    const known = this.personByName.get(name);
    if (known) {
      known.intro.push(...intro);
      return known;
    }
    const person = { name, words: full, intro: [...intro] };
    this.persons.push(person);
    this.personByName.set(name, person);
    // The first person holding a word wins, as a scan in order would find.
    for (const word of [full[0]!, full.at(-1)!]) if (!this.personByPart.has(word)) this.personByPart.set(word, person);
    return person;
  }

  /** `Wang` → `Wang Yi`: the nearest earlier full name holding the word, else the first later one. */
  private fullNameFor(word: string, at: { paragraph: number; offset: number }): string[] | undefined {
    const holding = this.fullNamesByPart.get(word) ?? [];
    const earlier = holding.filter((f) => before(f, at));
    return (earlier.at(-1) ?? holding[0])?.words;
  }

  private indexMentions(): void {
    const mentions: Mention[] = [];
    this.masked.forEach((text, paragraph) => {
      for (const run of this.runs[paragraph]!) {
        const { name } = run;
        const m = { index: run.index, 0: run.raw };
        if (name.length === 0) continue;
        const joined = name.join(' ');
        const person =
          this.personByName.get(joined) ?? (name.length === 1 ? this.personByPart.get(joined) : undefined);
        if (person) {
          const oblique =
            /['’]s?$/u.test(m[0]) || /(?:^|\s)(?:to|for|with|by|of|at|from|about|against|on|in|into|over|than|and)\s+$/u.test(text.slice(Math.max(0, m.index - 12), m.index));
          mentions.push({ paragraph, offset: m.index, person, oblique });
        }
      }
    });
    this.mentions = mentions;
  }

  /** People named strictly between two positions. */
  namedBetween(from: { paragraph: number; offset: number }, to: { paragraph: number; offset: number }): Person[] {
    return this.mentions.filter((m) => before(from, m) && before(m, to)).map((m) => m.person);
  }

  resolve(subject: Subject, paragraph: number): string | undefined {
    const at = { paragraph, offset: subject.offset };
    if (subject.kind === 'pronoun') {
      return this.mentions.filter((m) => before(m, at) && !m.oblique).at(-1)?.person.name;
    }
    if (subject.kind === 'description') {
      const head = subject.text.split(/\s+/).at(-1)?.toLowerCase();
      if (head === undefined) return undefined;
      const matching = this.persons.filter((p) => p.intro.includes(head));
      if (matching.length === 0) return undefined;
      const recent = this.mentions.filter((m) => before(m, at) && matching.includes(m.person)).at(-1);
      return (recent?.person ?? (matching.length === 1 ? matching[0] : undefined))?.name;
    }
    const words = subject.text.split(' ');
    if (words.length >= 2) return this.personByName.get(subject.text)?.name ?? subject.text;
    const word = words[0]!;
    const recent = this.mentions.filter((m) => before(m, at) && isNamePart(m.person.words, word)).at(-1);
    if (recent) return recent.person.name;
    const full = this.personByPart.get(word)?.name ?? this.fullNameFor(word, at)?.join(' ');
    return full ?? (subject.introduced ? word : undefined);
  }
}

/** A surname or (for names written family name first) a first word: `Smith` in Julianne Smith, `Wang` in Wang Yi. */
function isNamePart(words: readonly string[], word: string): boolean {
  return words.length > 0 && (words[0] === word || words.at(-1) === word);
}

interface Sentence {
  start: number;
  end: number;
}

function sentenceAround(ends: readonly number[], start: number, end: number): Sentence {
  let s = 0;
  for (const e of ends) {
    if (e <= start) s = e;
    else break;
  }
  const e = ends.find((x) => x >= end) ?? ends.at(-1) ?? end;
  return { start: s, end: e };
}

/** The speaker subject a quotation's own sentence gives it, if any. */
function ownSubject(masked: string, ends: readonly number[], q: QuoteSpan): Subject | undefined {
  const sentence = sentenceAround(ends, q.start, q.end);
  // After the quote: the first speech verb within a few words.
  const after = masked.slice(q.end, sentence.end);
  VERB_AT.lastIndex = 0;
  const verbAfter = VERB_AT.exec(after);
  if (verbAfter && verbAfter.index <= 60 && !after.slice(0, verbAfter.index).includes(MASK)) {
    const between = after.slice(0, verbAfter.index);
    const subject =
      (/\p{L}/u.test(between) ? subjectAtEnd(between, q.end) : undefined) ??
      subjectAtStart(after.slice(verbAfter.index + verbAfter[0].length), q.end + verbAfter.index + verbAfter[0].length);
    if (subject) return subject;
  }
  // Before the quote: the last speech verb in the sentence.
  const prefix = masked.slice(sentence.start, q.start);
  const verbs = [...prefix.matchAll(VERB_AT)];
  const lastVerb = verbs.at(-1);
  if (lastVerb) {
    const subject =
      subjectAtEnd(prefix.slice(0, lastVerb.index), sentence.start) ??
      subjectAtStart(prefix.slice(lastVerb.index + lastVerb[0].length), sentence.start + lastVerb.index + lastVerb[0].length);
    if (subject) return subject;
    return { kind: 'description', text: '', offset: q.start }; // a verb with no person: say nothing
  }
  // `Anna Kowalska read the statement aloud: “…`: the sentence's subject introduces the quote.
  if (/:\s*$/u.test(prefix)) {
    const opener = NAME_RUN_AT_START.exec(prefix.trimStart());
    if (opener) {
      const { name } = splitTitle(opener[1]!);
      const next = prefix.trimStart().slice(opener[1]!.length);
      if (name.length > 0 && /^\s+\p{Ll}/u.test(next)) return { kind: 'name', text: name.join(' '), offset: sentence.start };
    }
  }
  const according = ACCORDING_TO.exec(masked.slice(sentence.start, sentence.end));
  if (according) {
    const source = according[1]!;
    const subject = subjectAtEnd(source, sentence.start + according.index + 'according to '.length);
    if (subject) return subject;
  }
  return undefined;
}

/** A speaker (or undefined) for each quote span, in the same order. */
export function attributeQuotes(paragraphs: readonly string[], quotes: readonly QuoteSpan[]): (string | undefined)[] {
  const byParagraph = new Map<number, QuoteSpan[]>();
  for (const q of quotes) {
    const list = byParagraph.get(q.paragraph) ?? [];
    list.push(q);
    byParagraph.set(q.paragraph, list);
  }
  const masked = paragraphs.map((text, p) => maskQuotes(text, byParagraph.get(p) ?? []));
  const ends = paragraphs.map((text, p) => sentenceEnds(masked[p]!, text));
  const speakers = new Speakers(masked);

  const own = quotes.map((q) => ownSubject(masked[q.paragraph]!, ends[q.paragraph]!, q));
  const result = quotes.map((q, i) => {
    const subject = own[i];
    return subject === undefined || subject.text === '' ? undefined : speakers.resolve(subject, q.paragraph);
  });

  // Quotes with no verb of their own: the adjacent quote's speaker, unless someone else is named in between.
  for (let i = 0; i < quotes.length; i++) {
    if (own[i] !== undefined) continue;
    const q = quotes[i]!;
    const prev = quotes[i - 1];
    if (q.continued && prev !== undefined) {
      result[i] = result[i - 1];
      continue;
    }
    if (prev !== undefined && prev.paragraph === q.paragraph && result[i - 1] !== undefined) {
      const others = speakers
        .namedBetween({ paragraph: q.paragraph, offset: prev.end }, { paragraph: q.paragraph, offset: q.start })
        .filter((p) => p.name !== result[i - 1]);
      if (others.length === 0) result[i] = result[i - 1];
    }
  }
  // Backwards too: `"First sentence. "Second," he said.` gives the first the second's speaker.
  for (let i = quotes.length - 2; i >= 0; i--) {
    const q = quotes[i]!;
    const next = quotes[i + 1]!;
    if (own[i] !== undefined || result[i] !== undefined || result[i + 1] === undefined) continue;
    const adjacent = next.paragraph === q.paragraph ? masked[q.paragraph]!.slice(q.end, next.start).trim() === '' : next.continued;
    if (adjacent || next.continued) result[i] = result[i + 1];
  }
  return result;
}
