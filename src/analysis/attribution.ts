/**
 * Attributing quotations to speakers. Works on the narration only: each
 * paragraph with its quotations blanked out, so names and verbs inside quoted
 * speech never count.
 *
 * First the article's people: capitalised runs with titles and roles stripped
 * (`Conservative MP Jo Bell` → Jo Bell), organisations, publications and
 * places left out, a surname or first name joined to the fullest name the
 * article gives (`Mr Blair` → Tony Blair), a gender where the text shows one.
 * Then, sentence by sentence, who is in subject position: the "salience" list
 * that pronouns (`he`, `she`) and descriptions (`the 74-year-old`) resolve
 * against, most recent first, gender agreeing; an unnamed speaker of known
 * gender (`an executive spokeswoman insisted`) stops a later `she` there.
 *
 * For each quotation, in order: a verb of saying or characterising before it
 * in its sentence whose subject is a person (`Y accused X of "…"`, `X said:`);
 * a verb right after it (`," said Kim, 30,`, `," Ms Bell insists`); `is the
 * verdict of X`, `according to X`; a sentence ending in a colon (its subject).
 * A quotation with none of these takes the speaker of the quotation it
 * continues or stands next to, else of the previous sentence (its quotation's
 * speaker, or its subject) when it opens a sentence of its own.
 * When the subject is not a named person (a spokesman, a firm, a report) the
 * quotation gets no speaker: a wrong name is worse than none.
 */
import {
  FEMALE_MARKERS,
  FEMALE_NAMES,
  MALE_MARKERS,
  MALE_NAMES,
  NOT_NAME,
  NOT_PERSON_HEADS,
  NOT_PERSON_FIRST,
  NOT_PERSON_NAMES,
  NOT_PERSON_TAIL,
  WEAK_TAIL,
  ROLE_NOUNS,
  SPEECH_NOUNS,
  SPEECH_PHRASES,
  SPEECH_VERB_FORMS,
  TITLE_WORDS,
} from './lexicon.js';
import type { QuoteSpan } from './quotes.js';

const MASK = '\u00a4'; // ¤: not a letter, space or sentence end
/** How far before or after a speech verb to look for its subject, in UTF-16 units. */
const SUBJECT_REACH = 160;
/** How many paragraphs before a quotation its speaker's antecedents are looked for in. */
const SALIENCE_PARAGRAPHS = 6;
/** How many salience entries a pronoun or description looks back over. */
const SALIENCE_REACH = 40;

type Gender = 'm' | 'f';

// ---------------------------------------------------------------- patterns

// Explicit Latin ranges, not \p{Lu}: Unicode property classes make these scans several times slower.
const UPPER = 'A-ZÀ-ÖØ-ÞĆČĎĐĘĚŁŃŇŐŒŘŚŞŠŢŤŰŹŻŽ';
const LOWER = 'a-zß-öø-ÿĀ-ž';
const UPPER_WORD = `(?:[${UPPER}][${LOWER}][${UPPER}${LOWER}'’-]*|[${UPPER}]['’][${UPPER}][${LOWER}]+|(?:al|el)-[${UPPER}][${LOWER}]+)`;
const INITIAL = `[${UPPER}]\\.?(?=\\s+[${UPPER}][${LOWER}])`;
const NAME_WORD = `(?:${UPPER_WORD}|${INITIAL})`;
const PARTICLE_WORD = /^(?:van|von|de|der|den|da|di|du|la|le|dos|das|del|ter|ten)$/;
const PARTICLE = '(?:van|von|de|der|den|da|di|du|la|le|bin|ibn|dos|das|del|ter|ten)';
/** A value made on first use: these large regular expressions would cost every start of the program. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const nameRun = lazy(() => new RegExp(`${NAME_WORD}(?:\\s+(?:${PARTICLE}\\s+)*${NAME_WORD})*`, 'g'));
/**
 * Lowercase words, each looked up in SPEECH_VERBS: one alternation of 500 verb forms scans a little
 * faster but costs ~30 ms to compile in every process that analyses an article.
 */
const LOWER_WORD = /\b[a-z]{3,}\b/g;
const SPEECH_VERBS = new Set(SPEECH_VERB_FORMS);
const PHRASE_TAILS = new Map<string, string[]>();
for (const phrase of SPEECH_PHRASES) {
  const [head, tail] = phrase.split(' ') as [string, string];
  PHRASE_TAILS.set(head, [...(PHRASE_TAILS.get(head) ?? []), tail]);
}



interface Verb {
  index: number;
  end: number;
}

const DETERMINER_BEFORE = /(?:^|[^a-zA-Z])(?:the|a|an|his|her|its|their|our|my|your|these|those|such|this|that|whose|[a-z]+['’]s|[a-z]+s['’])\s+$/i;

/** Every speech verb in a masked paragraph, in order (not inside a hyphenated word: `so-called`). */
function findVerbs(text: string): Verb[] {
  const verbs: Verb[] = [];
  LOWER_WORD.lastIndex = 0;
  for (let m = LOWER_WORD.exec(text); m !== null; m = LOWER_WORD.exec(text)) {
    const word = m[0];
    let end = m.index + word.length;
    const tail = PHRASE_TAILS.get(word)?.find((t) => text.startsWith(t, end + 1) && /\s/.test(text[end]!) && !/[a-z]/.test(text[end + 1 + t.length] ?? ''));
    if (tail !== undefined) end += 1 + tail.length;
    else if (!SPEECH_VERBS.has(word)) continue;
    if (text[m.index - 1] === '-' || text[end] === '-' || text[m.index - 1] === '’' || text[m.index - 1] === "'") continue;
    // `the claims`, `his comments`, `these warnings`: a noun, not a verb.
    if (DETERMINER_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    verbs.push({ index: m.index, end });
  }
  return verbs;
}
const speechNounBefore = lazy(
  () =>
    new RegExp(
      String.raw`(?:^|[^\p{L}])(his|her|His|Her|(${NAME_WORD}(?:\s+${NAME_WORD}){0,3})['’]s?)\s+(?:[\p{Ll}-]+\s+){0,2}?(${[...SPEECH_NOUNS].join('|')})(?:\s+(?:that|of|as|about|to)(?:\s+[^¤.;:]{0,60})?)?\s*$`,
      'u',
    ),
);
const AUX = /\s+(?:has|had|have|was|is|were|are|also|later|then|previously|once|reportedly|simply|just|quickly|repeatedly|recently|would|will|had\s+been|has\s+been|have\s+been|could|may|might|should|must|can|did|does|do|never|always|often|still|even|already|publicly|privately|openly|angrily|firmly|flatly|bluntly|frankly|clearly|strongly|furiously|proudly|calmly|quietly|famously|memorably|once\s+again|again|herself|himself|yesterday|today|tonight|last\s+night|on\s+\p{Lu}\p{Ll}+day)$/u;
const PREPOSITION = /^(?:in|at|on|for|from|to|with|by|of|into|onto|over|under|against|about|after|before|during|near|between|among|across|behind|beyond|towards|toward|via|than|like|unlike|including|versus|vs)$/;
/** What follows a reporting verb before its clause: `said on Monday that`, `told MPs that`. */
const REPORTING_THAT = /^\s+(?:[\p{L}\d'’-]+\s+){0,4}that\s/u;
const QUOTED_AS = /\b(?:quoted|quotes|quoting)\s+([^¤]{1,90}?)\s+as\s+(?:saying|telling|describing|calling)\b[^¤]*$/u;
const FIRST_PERSON = /(?:^|[^\p{L}'’])(?:I|I['’](?:ve|m|d|ll)|me|my|myself)(?![\p{L}'’])/u;
const MODIFIER_RUN = /^\s+([a-z]+)\s+([a-z]+)/;
const ADVERB = /^(?:also|still|then|later|never|always|just|already|even|only|often|once|now|again|too|[a-z]+ly)$/;
const SPEECH_VERB_SET = new Set(SPEECH_VERB_FORMS);
const VERB_LIKE = /^(?:is|was|were|are|has|had|have|will|would|could|can|may|might|must|should|did|does|do|said|says|told|tells|been|be|being|got|gets|made|makes|took|takes|went|goes|won|wins|lost|loses|came|comes|became|becomes|left|leaves|saw|sees|gave|gives|found|finds|[a-z]{3,}ed)$/;
const GENDERED_PRONOUN = /(?<![\p{L}])(he|him|his|himself|she|her|hers|herself)(?![\p{L}])/giu;
const INTRO_OPENER = /^(?:with|by|from|to|like|unlike|among|in|on|at|after|before|during|earlier|later|speaking|writing|asked|however|meanwhile|but|and|yet|so|still|now|since|despite|although|while|when|if|as|under|with|without|following|reminded|last|this|that|elsewhere|overall|separately|instead|then|also|interviewed|questioned|pressed|appearing|addressing|giving|responding|commenting|reacting|announcing|launching|unveiling|opening|closing|visiting|talking)$/i;
const SPOKESPERSON_FOR = /(?:spokes(?:man|woman|person)|spokesmen|aide|aides|lawyer|lawyers|solicitor|agent|friend|friends|representative|relative|source|sources|adviser|advisor|colleague|colleagues|supporter|supporters|ally|allies|people|team|office|camp|family|publicist)\s+(?:for|of|to|close\s+to|from|working\s+for)\s+(?:the\s+)?(?:[\p{L}'’.-]+\s+){0,5}$/u;
const UNNAMED_SPEAKER = /\b(?:spokes(?:man|woman|person)|spokesmen|official|officials|source|sources|insider|aide|representative|statement)\b/;
/** The gendered head of an unnamed subject: `a spokeswoman for`, `his wife`, `the businessman`. */
const UNNAMED_GENDERED = /\b(spokeswoman|spokesman|businesswoman|businessman|chairwoman|wife|husband|mother|father|daughter|son|widow|widower|sister|brother|girlfriend|boyfriend)\b/gu;
/** A role right after a name, in apposition: `, the daughter of`, `, his wife,`, `, a spokeswoman for`. */
const APPOSED_ROLE = /^,\s+(?:the|a|an|his|her|their)\s+(?:[\p{Ll}'’-]+\s+){0,2}?(\p{Ll}+)\b(?!['’-])/u;
const MONONYM_EVIDENCE = /^\s+(?:[a-z]+,?\s+){0,12}?(?:he|she|his|her|him|himself|herself)\b/;
const ACCORDING_TO = /according\s+to\s+/gu;
const VERDICT_OF = /^\s*,?\s*(?:is|was|has\s+been|were|are)\s+(?:the\s+)?(?:[\p{Ll}-]+\s+)?(?:verdict|view|opinion|assessment|message|advice|reaction|response|warning|conclusion|prediction|words|judgement|judgment|claim)\s+(?:of|from)\s+/u;
const HOW_X_PUT_IT = /^\s*,?\s*(?:is|was)\s+how\s+/u;

/** Title and party words that are also surnames, kept as a name when they end a run (`Green said`, `Andy Green`). */
const TITLE_SURNAMES = new Set('Green King Prince Bishop Judge Dean Major Constable Marshal Speaker Young Rice Sheriff Abbot Pope Cardinal Chancellor'.split(' '));
/** Ranks that end a run's title even after words that are not titles (`… Affairs Secretary Lord Falconer`). */
const INNER_TITLES = new Set(
  'Secretary Minister President Chancellor Governor Senator Commissioner Ambassador Inspector Detective Superintendent Sergeant Constable Colonel Captain General Admiral Commander Lieutenant Councillor Mayor Chairman Chairwoman Director'.split(' '),
);
const PEERAGE = /^(?:Lord|Lady|Baroness|Baron|Viscount|Earl|Duke|Duchess|Countess)$/;
const HONORIFIC = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Lord|Lady|Dame|Prof|Professor|Rev|Reverend|Mr\.|Mrs\.|Ms\.|Dr\.)$/;
const isFirstName = (w: string): boolean => MALE_NAMES.has(w) || FEMALE_NAMES.has(w);
const isApostrophe = (c: string | undefined): boolean => c === "'" || c === '’';
/** `Blair's` → Blair, `Jones'` → Jones (no regex: called for every word of every run). */
function stripPossessive(w: string): string {
  const n = w.length;
  if (n > 2 && w[n - 1] === 's' && isApostrophe(w[n - 2])) return w.slice(0, n - 2);
  if (n > 2 && isApostrophe(w[n - 1]) && w[n - 2] === 's') return w.slice(0, n - 1);
  return w;
}
const endsPossessive = (w: string): boolean => stripPossessive(w) !== w;
const endsApostropheS = (w: string): boolean => w.length > 2 && w[w.length - 1] === 's' && isApostrophe(w[w.length - 2]);
const isWordCode = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 39 || c === 0x2019 || (c > 0xbf && c !== MASK.charCodeAt(0));
/** The last (up to) three words of a short text, lowercased: a backward scan, no regex. */
function lastWords(text: string): string[] {
  const out: string[] = [];
  let i = text.length;
  while (out.length < 3 && i > 0) {
    while (i > 0 && !isWordCode(text.charCodeAt(i - 1))) i--;
    const end = i;
    while (i > 0 && isWordCode(text.charCodeAt(i - 1))) i--;
    if (end > i) out.unshift(text.slice(i, end).toLowerCase());
  }
  return out;
}

// ---------------------------------------------------------------- people

interface Pos {
  paragraph: number;
  offset: number;
}

const before = (a: Pos, b: Pos): boolean => a.paragraph < b.paragraph || (a.paragraph === b.paragraph && a.offset < b.offset);

interface Person {
  name: string;
  words: string[];
  /** Lowercased words that introduced the person (`chinese foreign minister`, `kremlin spokesman`). */
  intro: Set<string>;
  male: number;
  female: number;
}

const genderOf = (p: Person): Gender | undefined => (p.male > p.female ? 'm' : p.female > p.male ? 'f' : undefined);

/** A capitalised run in the narration, split into how it is introduced and the name itself. */
interface Run {
  index: number;
  end: number;
  raw: string;
  /** Title, role and other leading words stripped from the run (`Conservative`, `Mr`). */
  lead: string[];
  name: string[];
  possessive: boolean;
  /** Introduced by a title or role (in the run or just before it). */
  titled: boolean;
  /** An organisation, place, publication, programme or event. */
  org: boolean;
  /** Lowercased words just before the run and its lead: what introduced it. */
  intro: string[];
  person?: Person;
}

function splitRun(raw: string, textBefore: string, textAfter: string): Omit<Run, 'index' | 'end' | 'raw'> {
  const words = raw.split(/\s+/).filter((w) => w.length > 0);
  let first = 0;
  let titled = false;
  // `Sky Networks' Sophie Turner Laing`: an owner of several words before the name describes it (not a
  // person's: `Michelle Paver's Wolf Brother` is a book).
  for (let k = words.length - 2; k > 0; k--) {
    if (endsPossessive(words[k]!) && !isFirstName(words[0]!)) {
      first = k + 1;
      break;
    }
  }
  while (first < words.length) {
    const w = words[first]!;
    const more = first < words.length - 1;
    if (NOT_NAME.has(w) && !TITLE_WORDS.has(w)) {
      first++;
      continue;
    }
    // A known first name starts the name: `Dean Hart`, `Major` is not taken for a rank before `John Major`.
    if (isFirstName(w) && more) break;
    // After `Mr` or `Dr` comes a name, whatever it looks like (`Mr Dean`, `Dr Judge`); a role noun ends a run only as a title.
    const afterHonorific = first > 0 && HONORIFIC.test(words[first - 1]!);
    // A role noun (`Striker`, `Star`) is stripped only before a full name: `Star Wars` is not a star called Wars.
    const bare = stripPossessive(w);
    const title = more
      ? TITLE_WORDS.has(bare) || (ROLE_NOUNS.has(bare.toLowerCase()) && (words.length - first >= 3 || isFirstName(words[first + 1]!)))
      : TITLE_WORDS.has(bare) && !TITLE_SURNAMES.has(bare) && !endsPossessive(w);
    if (title && !afterHonorific) {
      titled ||= !/^(?:The|A|An)$/.test(w);
      first++;
      continue;
    }
    // `Beijing’s Foreign Minister`, `Labour's Rachel Stone`: a possessive before more words describes.
    if (endsApostropheS(w) && more) {
      first++;
      continue;
    }
    break;
  }
  // `Constitutional Affairs Secretary Lord Falconer`, `Mr Justice Mackay`: a rank or honorific inside the run
  // ends the title, whatever unknown words came before it.
  for (let k = words.length - 2; k >= first; k--) {
    const w = stripPossessive(words[k]!);
    const judge = w === 'Justice' && k > 0 && HONORIFIC.test(words[k - 1]!);
    if (judge || ((HONORIFIC.test(w) || PEERAGE.test(w) || INNER_TITLES.has(w)) && !(k > 0 && HONORIFIC.test(words[k - 1]!)))) {
      titled = true;
      first = k + 1;
      break;
    }
  }
  // `Referee Graham Poll`, `Campaigner Jo Bell`: a capitalised word before a known first name and a surname.
  if (words.length - first >= 3 && !isFirstName(words[first]!) && isFirstName(words[first + 1]!) && !endsApostropheS(words[first]!)) {
    titled = true;
    first++;
  }
  const lastRaw = words.at(-1) ?? '';
  const possessive = endsPossessive(lastRaw) && first < words.length;
  let name = words.slice(first).map(stripPossessive);
  const lead = words.slice(0, first);
  const beforeWords = lastWords(textBefore.slice(-40));
  const wordBefore = beforeWords.at(-1);
  const spaceBefore = /\s$/.test(textBefore);
  const roleBefore = wordBefore !== undefined && spaceBefore && ROLE_NOUNS.has(wordBefore);
  const acronymBefore = spaceBefore && /(?:^|\s)[A-Z]{2,}s?\s$/.test(textBefore) && !/(?:^|\s)(?:BBC|ITV|CNN|UK|US|EU|UN)\s$/.test(textBefore);
  titled ||= roleBefore || acronymBefore;
  const theBefore = wordBefore === 'the' && spaceBefore;
  const tail = name.at(-1) ?? '';
  const firstNamed = name.length > 1 && isFirstName(name[0]!);
  let org =
    (NOT_PERSON_TAIL.has(tail) && !(WEAK_TAIL.has(tail) && (firstNamed || titled || name.length === 1))) ||
    (name.length > 1 && NOT_PERSON_FIRST.has(name[0]!) && !titled) ||
    NOT_PERSON_NAMES.has(name.join('-')) ||
    words[0] === 'The' ||
    (theBefore && first === 0) ||
    (name.length === 1 && !titled && /^\s+(?:of|for)\s+(?:the\s+)?[A-Z]/.test(textAfter));
  if (name.length > 4) {
    org = true;
    name = [];
  }
  const intro = [...beforeWords, ...lead.map((w) => stripPossessive(w).toLowerCase())];
  // `Lord Goldsmith`: a peer known by title and one name is named with the title.
  if (name.length === 1 && PEERAGE.test(lead.at(-1) ?? '')) name = [lead.at(-1)!, name[0]!];
  return { lead, name, possessive, titled: titled && !org, org, intro };
}

// ---------------------------------------------------------------- subjects

type Subject =
  | { kind: 'person'; person: Person; offset: number }
  /** `not`: a person the pronoun cannot be (`But Mr Blair had been "hurt", he added`: not Blair). */
  | { kind: 'pronoun'; gender: Gender; offset: number; not?: Person }
  | { kind: 'description'; words: string[]; offset: number }
  /** A subject that is not one named person: a spokesman, a firm, a report, `critics`. */
  | { kind: 'none'; offset: number };

/**
 * Who is in subject position: a person, or an unnamed one of a known gender (`an executive spokeswoman
 * insisted`), whom a later pronoun of that gender means instead of anyone named before.
 */
type SalienceEntry = { offset: number; person: Person; blocks?: undefined } | { offset: number; person?: undefined; blocks: Gender };

interface Sentence {
  start: number;
  end: number;
}

const ABBREVIATION = /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|St|Sen|Gov|Gen|Rep|Lt|Col|Jr|Sr|Inc|Co|Corp|Ltd|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Prof|Rev|Det|Insp|Supt|Sgt|Capt|[A-Z](?:\.[A-Z])*)$/;

/**
 * A name ending in a letter ends the sentence (`… and Malcolm X. Attallah Shabazz, his daughter,`) when a
 * sentence opener or a full name with a comma follows: a middle initial has one surname after it.
 */
const NAME_LETTER = /[A-Z][a-z]+\s[A-Z]$/;
const OPENS_AFTER_LETTER = /^\s+(?:(?:The|He|She|It|They|But|And|This|His|Her)\s|[A-Z][a-z]+\s[A-Z][a-z]+,)/;

/** A full stop, ! or ? before a space or the end, or the last character of a masked quotation. */
const SENTENCE_END_CANDIDATE = /[.!?](?=\s|$)|¤(?!¤)(?=\s|$)/gu;

/** Sentences of a masked paragraph. A quotation ending in `."` ends its sentence. */
function sentencesOf(masked: string, original: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  SENTENCE_END_CANDIDATE.lastIndex = 0;
  for (let m = SENTENCE_END_CANDIDATE.exec(masked); m !== null; m = SENTENCE_END_CANDIDATE.exec(masked)) {
    const i = m.index;
    const c = masked[i]!;
    if (c === MASK && !/[.!?]['"’”»]?$/u.test(original.slice(Math.max(0, i - 1), i + 1))) continue;
    if (c === '.' && ABBREVIATION.test(masked.slice(Math.max(0, i - 8), i)) && !(NAME_LETTER.test(masked.slice(Math.max(0, i - 30), i)) && OPENS_AFTER_LETTER.test(masked.slice(i + 1, i + 40)))) continue;
    sentences.push({ start, end: i + 1 });
    start = i + 1;
  }
  if (start < masked.length) sentences.push({ start, end: masked.length });
  if (sentences.length === 0) sentences.push({ start: 0, end: masked.length });
  return sentences;
}

function sentenceIndexAt(sentences: readonly Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sentences[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Quote spans and their results, by paragraph. */
interface QuoteRef {
  index: number;
  span: QuoteSpan;
}

class Article {
  readonly masked: string[];
  readonly sentences: Sentence[][];
  readonly runs: Run[][];
  readonly verbs: Verb[][];
  private readonly runByEnd: Map<number, Run>[];
  private readonly runByStart: Map<number, Run>[];
  readonly persons: Person[] = [];
  private readonly personByName = new Map<string, Person>();
  /** Subject-position people per paragraph, in text order: what pronouns and descriptions refer back to. */
  private readonly salience: (SalienceEntry[] | undefined)[] = [];
  private salienceDepth = 0;
  readonly quotesByParagraph = new Map<number, QuoteRef[]>();

  constructor(
    readonly paragraphs: readonly string[],
    quotes: readonly QuoteSpan[],
  ) {
    quotes.forEach((span, index) => {
      const list = this.quotesByParagraph.get(span.paragraph);
      if (list) list.push({ index, span });
      else this.quotesByParagraph.set(span.paragraph, [{ index, span }]);
    });
    this.masked = paragraphs.map((text, p) => maskQuotes(text, this.quotesByParagraph.get(p) ?? []));
    this.sentences = this.masked.map((m, p) => sentencesOf(m, paragraphs[p]!));
    this.verbs = this.masked.map(findVerbs);
    this.runs = this.masked.map((text) => {
      const runs: Run[] = [];
      const NAME_RUN = nameRun();
      NAME_RUN.lastIndex = 0;
      for (let m = NAME_RUN.exec(text); m !== null; m = NAME_RUN.exec(text)) {
        let index = m.index;
        let raw = m[0];
        // Inside a word (`iPod`, the C of `BBC News`): drop the first word, keep the rest.
        if (index > 0 && isWordCode(text.charCodeAt(index - 1))) {
          const space = raw.search(/\s/);
          if (space === -1) continue;
          const skip = space + (/^\s+/.exec(raw.slice(space))?.[0].length ?? 0);
          index += skip;
          raw = raw.slice(skip);
        }
        // `Malcolm X. Attallah Shabazz`: a name ending in a letter that ends its sentence (see sentencesOf).
        const letterEnd = /^(.*?\p{Lu}\p{Ll}+\s\p{Lu}\.)\s/u.exec(raw);
        if (letterEnd && OPENS_AFTER_LETTER.test(text.slice(index + letterEnd[1]!.length, index + letterEnd[1]!.length + 40))) {
          const rest = raw.slice(letterEnd[0].length).replace(/^\s+/u, '');
          pushRun(index, letterEnd[1]!.slice(0, -1));
          pushRun(index + raw.length - rest.length, rest);
          continue;
        }
        pushRun(index, raw);
      }
      function pushRun(index: number, raw: string): void {
        const end = index + raw.length;
        // Most runs are one sentence-opening word (`The`, `But`, `He`): nothing to split.
        if (NOT_NAME.has(raw) && !TITLE_WORDS.has(raw)) {
          runs.push({ index, end, raw, lead: [raw], name: [], possessive: false, titled: false, org: false, intro: [] });
          return;
        }
        runs.push({ index, end, raw, ...splitRun(raw, text.slice(Math.max(0, index - 40), index), text.slice(end, end + 24)) });
      }
      return runs;
    });
    this.runByEnd = this.runs.map((runs) => new Map(runs.map((r) => [r.end, r])));
    this.runByStart = this.runs.map((runs) => new Map(runs.map((r) => [r.index, r])));
    this.registerPeople();
    this.learnGenders();
  }

  // ------------------------------------------------------------ people

  private registerPeople(): void {
    // Full names first (two to four words), so that a surname can be joined to the fullest one.
    const fullByPart = new Map<string, { pos: Pos; person: Person }[]>();
    this.runs.forEach((runs, paragraph) => {
      for (const run of runs) {
        if (run.org || run.name.length < 2) continue;
        const person = this.personFor(run.name);
        run.person = person;
        for (const word of new Set([run.name[0]!, run.name.at(-1)!])) {
          const list = fullByPart.get(word) ?? [];
          list.push({ pos: { paragraph, offset: run.index }, person });
          fullByPart.set(word, list);
        }
      }
    });
    // A surname with a particle, capitalised when it opens a sentence, or a shorter name after an honorific,
    // is the full name's: `Van der Berg` after `Ruud van der Berg`, `Mr Duncan Smith` after `Iain Duncan Smith`.
    const honorific = new Set<Person>();
    for (const runs of this.runs) for (const run of runs) if (run.person && run.lead.some((w) => HONORIFIC.test(w))) honorific.add(run.person);
    const byLast = new Map<string, Person[]>();
    for (const person of this.persons) {
      const last = person.words.at(-1)!.toLowerCase();
      byLast.set(last, [...(byLast.get(last) ?? []), person]);
    }
    const alias = new Map<Person, Person>();
    for (const person of this.persons) {
      const lower = person.words.map((w) => w.toLowerCase());
      if (!PARTICLE_WORD.test(lower[0]!) && !honorific.has(person)) continue;
      const longer = (byLast.get(lower.at(-1)!) ?? []).find((other) => {
        if (other.words.length <= person.words.length) return false;
        const o = other.words.map((w) => w.toLowerCase());
        return o.slice(-lower.length).join(' ') === lower.join(' ');
      });
      if (longer) alias.set(person, longer);
    }
    if (alias.size > 0) {
      for (const runs of this.runs) for (const run of runs) if (run.person && alias.has(run.person)) run.person = alias.get(run.person);
      for (const list of fullByPart.values()) for (const entry of list) entry.person = alias.get(entry.person) ?? entry.person;
    }
    // One-word runs: a part of a full name (the nearest earlier one, else the first later one),
    // or a person of their own when a title or role introduced them (`Lord Janner`, `his brother Anil`).
    this.runs.forEach((runs, paragraph) => {
      for (const run of runs) {
        if (run.name.length !== 1 || (run.org && !run.titled)) continue;
        const word = run.name[0]!;
        // `Ms Abbott` after `Diane Abbot`: a titled surname one letter off is the same person.
        const holding = fullByPart.get(word) ?? (run.titled && word.length >= 5 ? nearPart(fullByPart, word) : undefined);
        if (holding) {
          const at = { paragraph, offset: run.index };
          let lo = 0;
          let hi = holding.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (before(holding[mid]!.pos, at)) lo = mid + 1;
            else hi = mid;
          }
          run.person = (holding[lo - 1] ?? holding[0]!).person;
        } else if ((run.titled || this.isMononym(run)) && !NOT_NAME.has(word)) {
          run.person = this.personFor(run.name);
        }
      }
    });
    // What introduced each person, and gender from titles and roles.
    for (const runs of this.runs) {
      for (const run of runs) {
        const person = run.person;
        if (!person) continue;
        for (const w of run.intro) {
          person.intro.add(w);
          if (MALE_MARKERS.has(w)) person.male += 3;
          if (FEMALE_MARKERS.has(w)) person.female += 3;
        }
      }
    }
    for (const person of this.persons) {
      if (person.words.length < 2) continue;
      if (MALE_NAMES.has(person.words[0]!)) person.male += 2;
      if (FEMALE_NAMES.has(person.words[0]!)) person.female += 2;
    }
  }

  /**
   * One-word names that open a sentence followed by he or she with no other capitalised word between
   * (`Lumi is to star in a film directed by her husband`): people, though no title introduced them.
   */
  private mononyms: Set<string> | undefined;
  private isMononym(run: Run): boolean {
    if (!this.mononyms) {
      const mononyms = new Set<string>();
      this.mononyms = mononyms;
      this.runs.forEach((runs, p) => {
        const text = this.masked[p]!;
        const sentences = this.sentences[p]!;
        for (const r of runs) {
          if (r.name.length !== 1 || r.org || r.possessive || r.lead.length > 0) continue;
          const sentence = sentences[sentenceIndexAt(sentences, r.index)]!;
          if (text.slice(sentence.start, r.index).trim() !== '') continue;
          if (MONONYM_EVIDENCE.test(text.slice(r.end, Math.min(sentence.end, r.end + 120)))) mononyms.add(r.name[0]!);
        }
      });
    }
    return this.mononyms.has(run.name[0]!);
  }

  private personFor(words: string[]): Person {
    const name = words.join(' ');
    const known = this.personByName.get(name);
    if (known) return known;
    const person: Person = { name, words, intro: new Set(), male: 0, female: 0 };
    this.persons.push(person);
    this.personByName.set(name, person);
    return person;
  }

  /** A gendered pronoun later in the same sentence, with no other person named between, votes for the person. */
  private learnGenders(): void {
    this.runs.forEach((runs, paragraph) => {
      const text = this.masked[paragraph]!;
      const sentences = this.sentences[paragraph]!;
      runs.forEach((run, i) => {
        if (!run.person) return;
        const sentence = sentences[sentenceIndexAt(sentences, run.index)]!;
        let nextPerson: Run | undefined;
        for (let j = i + 1; j < runs.length && runs[j]!.index < sentence.end; j++) {
          if (runs[j]!.person !== undefined && runs[j]!.person !== run.person) {
            nextPerson = runs[j];
            break;
          }
        }
        // `Amina Diallo, the daughter of …`: a gendered noun in apposition outweighs a pronoun vote.
        const apposed = APPOSED_ROLE.exec(text.slice(run.end, run.end + 60));
        if (apposed && FEMALE_MARKERS.has(apposed[1]!)) run.person.female += 3;
        if (apposed && MALE_MARKERS.has(apposed[1]!)) run.person.male += 3;
        const limit = Math.min(sentence.end, nextPerson?.index ?? Infinity, run.end + SUBJECT_REACH);
        GENDERED_PRONOUN.lastIndex = run.end;
        const m = GENDERED_PRONOUN.exec(text);
        if (!m || m.index >= limit) return;
        if (/^(?:he|him|his|himself)$/i.test(m[1]!)) run.person.male += 1;
        else run.person.female += 1;
      });
    });
  }

  // ------------------------------------------------------------ salience

  /** Who is in subject position, sentence by sentence: sentence subjects and the subjects of speech verbs. */
  /**
   * Who is in subject position in a paragraph, sentence by sentence: sentence subjects, the subjects of
   * speech verbs, a possessor opening a sentence. Worked out only when a pronoun or description needs
   * it (most quotations name their speaker), a paragraph at a time, from the paragraphs before it.
   */
  private paragraphSalience(paragraph: number): SalienceEntry[] {
    const known = this.salience[paragraph];
    if (known) return known;
    const entries: SalienceEntry[] = [];
    // Stored before it is complete: pronouns later in this paragraph look back at its earlier sentences.
    this.salience[paragraph] = entries;
    if (this.salienceDepth > SALIENCE_PARAGRAPHS) return entries;
    this.salienceDepth++;
    try {
      for (const sentence of this.sentences[paragraph]!) {
        const found: SalienceEntry[] = [];
        // `Dr Weber's team hopes…`: the possessor opening a sentence is its topic.
        const opening = this.runsIn(paragraph, sentence.start, sentence.end)[0];
        if (opening?.possessive && opening.person && !opening.org && this.masked[paragraph]!.slice(sentence.start, opening.index).trim() === '') {
          found.push({ offset: opening.index, person: opening.person });
        }
        const subject = this.sentenceSubject(paragraph, sentence);
        if (subject) {
          const person = this.resolve(subject, paragraph);
          if (person) found.push({ offset: subject.offset, person });
        }
        for (const v of this.verbsIn(paragraph, sentence.start, sentence.end)) {
          const s = this.subjectOfVerb(paragraph, sentence, v.index, v.end, sentence.end);
          const person = s ? this.resolve(s, paragraph) : undefined;
          if (person && s) found.push({ offset: s.offset, person });
          else if (s?.kind === 'none') {
            // `An executive spokeswoman insisted …` then `"…," she said`: the she is the unnamed spokeswoman.
            // Not a named one: `JF Sullivan, spokesman for Sendmail, said`, `Shadow spokesman for sport Hugh Robertson said`.
            const from = Math.max(sentence.start, v.index - 60);
            const subjectText = this.masked[paragraph]!.slice(from, v.index);
            const marker = [...subjectText.matchAll(UNNAMED_GENDERED)].at(-1);
            const markerEnd = marker ? from + marker.index + marker[0].length : 0;
            if (
              marker &&
              !/,\s*(?!(?:the|a|an|his|her|its|their)\s)(?:[\p{Ll}-]+\s+){0,2}$/u.test(subjectText.slice(0, marker.index)) &&
              !this.runsIn(paragraph, markerEnd, v.index).some((r) => r.person && !r.org)
            ) {
              found.push({ offset: v.index, blocks: FEMALE_MARKERS.has(marker[1]!) ? 'f' : 'm' });
            }
          }
        }
        // `…, according to its chief executive, Anna Berg.`
        const narration = this.masked[paragraph]!.slice(sentence.start, sentence.end);
        ACCORDING_TO.lastIndex = 0;
        for (const m of narration.matchAll(ACCORDING_TO)) {
          const s = this.subjectStartingAt(paragraph, sentence.start + m.index + m[0].length, sentence.end);
          const person = s ? this.resolve(s, paragraph) : undefined;
          if (person && s) found.push({ offset: s.offset, person });
        }
        found.sort((a, b) => a.offset - b.offset);
        entries.push(...found);
      }
    } finally {
      this.salienceDepth--;
    }
    return entries;
  }

  /** The most recent person in subject position before `at` that fits (after it, for the headline). */
  private salient(at: Pos, fits: (p: Person) => boolean, forward = false, pronoun?: Gender): Person | undefined {
    if (forward) {
      for (let p = at.paragraph; p < this.masked.length && p <= at.paragraph + SALIENCE_PARAGRAPHS; p++) {
        const found = this.paragraphSalience(p).find((e) => (p > at.paragraph || e.offset >= at.offset) && e.person !== undefined && fits(e.person));
        if (found) return found.person;
      }
      return undefined;
    }
    let seen = 0;
    for (let p = at.paragraph; p >= 0 && p >= at.paragraph - SALIENCE_PARAGRAPHS && seen < SALIENCE_REACH; p--) {
      const entries = this.paragraphSalience(p);
      for (let i = entries.length - 1; i >= 0 && seen < SALIENCE_REACH; i--) {
        const e = entries[i]!;
        if (p === at.paragraph && e.offset >= at.offset) continue;
        if (e.person === undefined) {
          if (e.blocks === pronoun) return undefined;
          continue;
        }
        seen++;
        if (fits(e.person)) return e.person;
      }
    }
    return undefined;
  }

  resolve(subject: Subject, paragraph: number): Person | undefined {
    const at = { paragraph, offset: subject.offset };
    // The headline speaks of people the article introduces next.
    const forward = paragraph === 0;
    switch (subject.kind) {
      case 'person':
        return subject.person;
      case 'none':
        return undefined;
      case 'pronoun':
        return this.salient(at, (p) => p !== subject.not && (genderOf(p) === undefined || genderOf(p) === subject.gender), forward, subject.gender);
      case 'description':
        return this.resolveDescription(subject.words, at, forward);
    }
  }

  /** `the 74-year-old comedian`, `the Arsenal boss`, `the prime minister`: whom it was said of, else the most recent subject. */
  private resolveDescription(words: readonly string[], at: Pos, forward: boolean): Person | undefined {
    const head = words.at(-1);
    if (head === undefined) return undefined;
    const modifiers = words.slice(0, -1).filter((w) => TITLE_WORDS.has(w.charAt(0).toUpperCase() + w.slice(1)) && !/^(?:former|ex|the)$/.test(w));
    const fits = (p: Person): boolean => (p.intro.has(head) || synonymFits(head, p.intro)) && modifiers.every((m) => p.intro.has(m));
    const matching = this.personsIntroducedAs(head).filter(fits);
    if (matching.length > 0) return this.salient(at, (p) => matching.includes(p), forward) ?? (matching.length === 1 ? matching[0] : undefined);
    if (!isPersonHead(head)) return undefined;
    const gender = MALE_MARKERS.has(head) ? 'm' : FEMALE_MARKERS.has(head) ? 'f' : undefined;
    return this.salient(at, (p) => gender === undefined || genderOf(p) === undefined || genderOf(p) === gender, forward);
  }

  private introIndex: Map<string, Person[]> | undefined;
  /** People whose introduction holds the word or one of its synonyms. */
  private personsIntroducedAs(head: string): Person[] {
    if (!this.introIndex) {
      const index = new Map<string, Person[]>();
      for (const p of this.persons) {
        for (const w of p.intro) {
          const list = index.get(w);
          if (list) list.push(p);
          else index.set(w, [p]);
        }
      }
      this.introIndex = index;
    }
    const words = [head, ...(SYNONYMS.find((g) => g.includes(head)) ?? [])];
    return [...new Set(words.flatMap((w) => this.introIndex!.get(w) ?? []))];
  }

  // ------------------------------------------------------------ subjects

  /** Speech verbs of a paragraph starting in [from, to). */
  verbsIn(paragraph: number, from: number, to: number): Verb[] {
    const verbs = this.verbs[paragraph]!;
    let lo = 0;
    let hi = verbs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (verbs[mid]!.index < from) lo = mid + 1;
      else hi = mid;
    }
    const out: Verb[] = [];
    for (let i = lo; i < verbs.length && verbs[i]!.index < to; i++) out.push(verbs[i]!);
    return out;
  }

  /** Runs of a paragraph starting in [from, to). */
  runsIn(paragraph: number, from: number, to: number): Run[] {
    const runs = this.runs[paragraph]!;
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid]!.index < from) lo = mid + 1;
      else hi = mid;
    }
    const out: Run[] = [];
    for (let i = lo; i < runs.length && runs[i]!.index < to; i++) out.push(runs[i]!);
    return out;
  }

  runEndingAt(paragraph: number, end: number): Run | undefined {
    return this.runByEnd[paragraph]!.get(end);
  }

  runStartingAt(paragraph: number, start: number): Run | undefined {
    return this.runByStart[paragraph]!.get(start);
  }

  /** The subject that a run stands for, or `none` when it is not a person. */
  private subjectOfRun(run: Run, paragraph: number): Subject {
    if (run.person && !run.org) return { kind: 'person', person: run.person, offset: run.index };
    if (run.name.length === 0 && run.titled) return { kind: 'description', words: run.lead.map((w) => w.toLowerCase()), offset: run.index };
    return { kind: 'none', offset: run.index };
  }

  /**
   * The subject phrase that ends at `end` (just before a speech verb), within the sentence:
   * `Sam Reed, 26, from Leeds,` → Sam Reed; `the association's spokeswoman, Karen Mills,` → Karen Mills.
   */
  subjectEndingAt(paragraph: number, sentence: Sentence, end: number): Subject | undefined {
    const text = this.masked[paragraph]!;
    const from = Math.max(sentence.start, end - SUBJECT_REACH);
    let prefix = text.slice(from, end).replace(/\s+$/u, '');
    for (let guard = 0; guard < 6; guard++) {
      // `Ruth Palmer - who designed the opera house -`: an aside between dashes.
      const stripped = prefix.replace(AUX, '').replace(/\s+[-–—]\s[^-–—¤]{1,120}\s[-–—]$/u, '').replace(/\s+$/u, '');
      if (stripped !== prefix) {
        prefix = stripped;
        continue;
      }
      // `its director, Paulo Reis,`: a name in apposition to a description is the subject.
      const appositive = /,\s*([^,¤]{1,90}),$/u.exec(prefix);
      if (appositive) {
        const inner = appositive[1]!;
        const innerStart = from + appositive.index + appositive[0].indexOf(inner);
        const run = this.runEndingAt(paragraph, innerStart + inner.length);
        const head = prefix.slice(0, appositive.index);
        const headRun = this.runEndingAt(paragraph, from + head.length);
        if (run && run.index === innerStart + inner.length - run.raw.length && run.person && !run.org && !(headRun?.person && !headRun.org)) {
          // The run must be the whole appositive (after optional lowercase role words).
          if (/^(?:[\p{Ll}-]+\s+)*$/u.test(inner.slice(0, inner.length - run.raw.length))) return this.subjectOfRun(run, paragraph);
        }
        // `Amy Lo, 45, who runs a bakery,`: another appositive may stand before this one.
        prefix = head.replace(/\s+$/u, '');
        if (/,[^,¤]{1,90}$/u.test(prefix)) prefix += ',';
        continue;
      }
      break;
    }
    const prefixEnd = from + prefix.length;
    const pronoun = /(?:^|[^\p{L}])(he|she|He|She)$/u.exec(prefix);
    if (pronoun) return { kind: 'pronoun', gender: /^he$/i.test(pronoun[1]!) ? 'm' : 'f', offset: prefixEnd - pronoun[1]!.length };
    if (/(?:^|[^\p{L}])(?:they|They|we|We|I|you|You|it|It|who|which|that)$/u.test(prefix)) {
      // `critics who labelled…`: the relative pronoun's antecedent, when it is a person.
      const rel = /^(.*?)(?:,\s*)?\s+(?:who|that)$/su.exec(prefix);
      if (rel) {
        const run = this.runEndingAt(paragraph, from + rel[1]!.trimEnd().length);
        if (run?.person && !run.org) return this.subjectOfRun(run, paragraph);
      }
      return { kind: 'none', offset: prefixEnd };
    }
    // `Neil Saunders of retail consultancy Verdict said`: the person before `of`/`at`/`from` an organisation.
    const affiliation = /\s(?:of|at|from)\s[^,¤]{1,70}$/u.exec(prefix);
    if (affiliation) {
      const owner = this.runEndingAt(paragraph, from + affiliation.index);
      if (owner?.person && !owner.org && !owner.possessive) return this.subjectOfRun(owner, paragraph);
    }
    // `John Houlihan, editor of Computerandvideogames.com told`, `Alan Milburn, Labour's election strategist
    // told`: the comma closing a role in apposition is often left out.
    const unclosed = /,\s+(?:\p{Lu}[\p{L}.-]*['’]s?\s+)?(?:[\p{Ll}-]+\s+){0,3}([\p{Ll}-]+)(?:\s(?:of|at|for|from)\s[^,¤]{1,60})?$/u.exec(prefix);
    if (unclosed && isPersonHead(unclosed[1]!)) {
      const owner = this.runEndingAt(paragraph, from + unclosed.index);
      if (owner?.person && !owner.org && !owner.possessive) return this.subjectOfRun(owner, paragraph);
    }
    const run = this.runEndingAt(paragraph, prefixEnd);
    if (run) {
      if (run.possessive) return { kind: 'none', offset: run.index };
      // `the Kenyan said`, `The 63-year-old Scot, who …, added`: a capitalised description.
      if (!run.person && run.name.length === 1 && ROLE_NOUNS.has(run.name[0]!.toLowerCase())) {
        const described = descriptionAtEnd(prefix.slice(0, prefix.length - run.raw.length) + run.name[0]!.toLowerCase(), from);
        if (described) return described;
      }
      if (!run.person && run.name.length === 1 && /(?:^|\s)the\s+$/u.test(text.slice(Math.max(0, run.index - 5), run.index))) {
        return descriptionOf([run.name[0]!.toLowerCase()], run.index) ?? { kind: 'none', offset: run.index };
      }
      const beforeRun = text.slice(Math.max(sentence.start, run.index - 80), run.index);
      if (SPOKESPERSON_FOR.test(beforeRun)) return { kind: 'none', offset: run.index };
      return this.subjectOfRun(run, paragraph);
    }
    return descriptionAtEnd(prefix, from);
  }

  /** The subject phrase that starts at `start` (after an inverted speech verb: `said Peskov`, `says Kim Lee, 30,`). */
  subjectStartingAt(paragraph: number, start: number, limit: number): Subject | undefined {
    const text = this.masked[paragraph]!;
    const lead = /^\s*/u.exec(text.slice(start, start + 8))![0].length;
    const at = start + lead;
    const rest = text.slice(at, Math.min(limit, at + SUBJECT_REACH));
    const pronoun = /^(he|she)(?![\p{L}])/u.exec(rest);
    if (pronoun) return { kind: 'pronoun', gender: pronoun[1] === 'he' ? 'm' : 'f', offset: at };
    // The phrase up to the first comma, clause word or preposition: `Jupiter Research analyst Olly Barnes`.
    // A middle initial's full stop is inside the name: `said George W. Bush`.
    const chunk = /^(?:[^,;:.!?¤()]|(?<=\s\p{Lu})\.(?=\s\p{Lu}))*?(?=\s*(?:(?<!\s\p{Lu})\.|(?<=\s\p{Lu})\.(?!\s\p{Lu})|[,;:!?¤()]|$|\s(?:of|at|from|who|in|on|to|for|after|when|as|and|but|with|about|during|before|while|-|–)\s))/u.exec(rest)?.[0] ?? rest;
    const determined = /^(?:the|a|an|his|her|its|their|our)\s/iu.test(chunk) || /^\p{Lu}[\p{L}-]*['’]s\s+\p{Ll}/u.test(chunk);
    if (determined || ROLE_NOUNS.has(lastWords(chunk).at(-1) ?? '')) {
      // `said the government's chief scientist, Sir Roy Bennett`, `said EEF chief economist, Steve Radley`:
      // the name in apposition wins.
      const after = rest.slice(chunk.length);
      const apposition = /^,\s+/u.exec(after);
      if (apposition) {
        const run = this.runStartingAt(paragraph, at + chunk.length + apposition[0].length);
        if (run && run.person && !run.org && /^\s*(?:[,;:.!?¤]|$)/u.test(text.slice(run.end, run.end + 2))) return this.subjectOfRun(run, paragraph);
      }
    }
    if (determined) {
      const runInChunk = this.runEndingAt(paragraph, at + chunk.length);
      if (runInChunk && runInChunk.person && !runInChunk.org && !/^(?:a|an)\s/iu.test(chunk)) return this.subjectOfRun(runInChunk, paragraph);
      const words = chunk.toLowerCase().split(/\s+/);
      if (/^(?:a|an)$/.test(words[0]!)) return { kind: 'none', offset: at };
      if (/^(?:his|her|its|their|our)$/.test(words[0]!) || /['’]s$/u.test(words[0]!)) return { kind: 'none', offset: at };
      return descriptionOf(words.slice(1), at);
    }
    const run = this.runEndingAt(paragraph, at + chunk.length);
    if (run && run.index >= at) {
      const between = text.slice(at, run.index);
      // Words before the name are a role or an organisation (`retail analyst`, `CBI director general`, `Tory MP`).
      if (/^[\p{L}\p{N}'’&.\s-]*$/u.test(between) && run.person && !run.org) return this.subjectOfRun(run, paragraph);
    }
    if (/^[\p{Ll}-]+(?:\s+[\p{Ll}-]+){0,3}$/u.test(chunk)) return descriptionOf(chunk.split(/\s+/), at);
    // `Bank of England governor Andrew Bailey`: an organisation's name, a role, then the person.
    const phrase = /^[^,;:.!?¤()]*/u.exec(rest)![0];
    const named = this.runsIn(paragraph, at, at + phrase.length).find((r) => r.person && !r.org && r.titled && r.end <= at + phrase.length);
    if (named && /^[\p{L}\p{N}'’&.\s-]*$/u.test(text.slice(at, named.index)) && /^\s*$/u.test(text.slice(named.end, at + phrase.length))) {
      return this.subjectOfRun(named, paragraph);
    }
    if (run?.org || (run && !run.person)) return { kind: 'none', offset: at };
    return undefined;
  }

  /** The subject of the speech verb at [verbStart, verbEnd): before it, else inverted after it. */
  subjectOfVerb(paragraph: number, sentence: Sentence, verbStart: number, verbEnd: number, limit: number): Subject | undefined {
    const text = this.masked[paragraph]!;
    const beforeVerb = text.slice(sentence.start, verbStart);
    // `He said Mr Blair had spoken with "such sincerity", adding: "…"`: the one who said the first part (the
    // sentence's first verb of saying: not `spoken`, inside what he said) adds it, else the sentence's subject.
    if (/[¤]\s*,\s*$/u.test(beforeVerb) && /ing$/.test(text.slice(verbStart, verbEnd)) && /[\p{L}]/u.test(beforeVerb.replace(/[¤]/gu, ''))) {
      const first = this.verbsIn(paragraph, sentence.start, verbStart)[0];
      const firstSubject = first && this.subjectOfVerb(paragraph, sentence, first.index, first.end, verbStart);
      const shared = firstSubject && firstSubject.kind !== 'none' ? firstSubject : this.sentenceSubject(paragraph, sentence);
      if (shared) return shared;
    }
    if (/[\p{L}]/u.test(beforeVerb.replace(/[¤]/gu, '')) && !/[¤]\s*,?\s*$/u.test(beforeVerb)) {
      const s = this.subjectEndingAt(paragraph, sentence, verbStart);
      const participle = /ing$/.test(text.slice(verbStart, verbEnd));
      if (s && !(participle && s.kind === 'none')) return s;
      // `… but called Lloyd "…"`, `…, adding that …`, `was quoted in a magazine calling the singer "…"`: a verb sharing the sentence's subject.
      if (participle || /(?:,|\band|\bbut|\bthen|\bbefore|\bafter)\s*$/u.test(beforeVerb)) {
        const shared = this.sentenceSubject(paragraph, sentence) ?? this.earlierVerbSubject(paragraph, sentence, verbStart) ?? s;
        // `Camera phones will be a battle ground, said Ben Wood, an analyst`: with no subject before the
        // comma, the verb's subject follows it.
        if (shared || participle || !/,\s*$/u.test(beforeVerb)) return shared;
      }
      if (!/^\s*$/u.test(text.slice(verbEnd, verbEnd + 1)) || !/^[\s]*(?:\p{Lu}|he\b|she\b|the\b)/u.test(text.slice(verbEnd, limit))) return undefined;
    }
    return this.subjectStartingAt(paragraph, verbEnd, limit);
  }

  private earlierVerbSubject(paragraph: number, sentence: Sentence, verbStart: number): Subject | undefined {
    const verbs = this.verbsIn(paragraph, sentence.start, verbStart);
    for (let i = verbs.length - 1; i >= 0; i--) {
      const v = verbs[i]!;
      // `said chairman Peter Ridley, adding:`: the earlier verb's subject may follow it.
      const s = this.subjectEndingAt(paragraph, sentence, v.index) ?? this.subjectStartingAt(paragraph, v.end, verbStart);
      if (s) return s;
    }
    return undefined;
  }

  /** The subject of a sentence: its first person in subject position, a leading pronoun or description. */
  private readonly sentenceSubjects = new Map<string, Subject | undefined>();
  sentenceSubject(paragraph: number, sentence: Sentence): Subject | undefined {
    const key = `${paragraph}:${sentence.start}:${sentence.end}`;
    if (this.sentenceSubjects.has(key)) return this.sentenceSubjects.get(key);
    const subject = this.findSentenceSubject(paragraph, sentence);
    this.sentenceSubjects.set(key, subject);
    return subject;
  }

  private findSentenceSubject(paragraph: number, sentence: Sentence): Subject | undefined {
    const text = this.masked[paragraph]!;
    let start = sentence.start;
    while (start < sentence.end && /\s/.test(text[start]!)) start++;
    if (text[start] === MASK) return undefined;
    let body = text.slice(start, Math.min(sentence.end, start + 200));
    // An opening phrase: `In a speech in Leeds,`, `However,`, `Speaking on the Today programme,`.
    const opener = /^([\p{L}]+)\b[^,¤]{0,70},\s+/u.exec(body);
    if (opener && INTRO_OPENER.test(opener[1]!)) {
      start += opener[0].length;
      body = body.slice(opener[0].length);
    } else {
      const connective = /^(?:But|And|Yet|So|Now|Still|However|Meanwhile|Then|Instead|Indeed)\s+/u.exec(body);
      if (connective) {
        start += connective[0].length;
        body = body.slice(connective[0].length);
      }
    }
    const pronoun = /^(He|She)(?![\p{L}])/u.exec(body);
    if (pronoun) return { kind: 'pronoun', gender: pronoun[1] === 'He' ? 'm' : 'f', offset: start };
    // The words before each run, scanned once: a verb or a quotation before it means it is not the subject.
    let scanned = start;
    let prefixWordCount = 0;
    let lastPrefixWord: string | undefined;
    // `However Mr Mulligan was not convinced`: the connective is the first word of the name's run (only
    // with an honorific: `But Bob was…` in a memoir is narration, left to the checks below as before).
    for (const run of this.runsIn(paragraph, sentence.start, sentence.end)) {
      if (run.end <= start || (run.index < start && !run.lead.some((w) => HONORIFIC.test(w)))) continue;
      const gap = text.slice(scanned, run.index);
      scanned = run.end;
      if (gap.includes(MASK)) return undefined;
      for (const w of gap.toLowerCase().split(/[^a-z\d'’-]+/)) {
        if (w.length === 0) continue;
        if (VERB_LIKE.test(w) && w !== 'hundred') return undefined;
        prefixWordCount++;
        lastPrefixWord = w;
      }
      // `In 1950, back in England, she and Anton Dolin founded …`: the pronoun comes first.
      const compound = /(?:^|[^\p{L}])(he|she)\s+and\s+$/u.exec(gap);
      if (compound) return { kind: 'pronoun', gender: compound[1] === 'he' ? 'm' : 'f', offset: run.index - gap.length + compound.index };
      const after = text.slice(run.end, run.end + 3);
      // `the older Star Wars episodes revealed…`: a name before a noun and its verb describes the noun.
      const modifier = MODIFIER_RUN.exec(text.slice(run.end, run.end + 40));
      // (`Wenger also tried`: an adverb is no noun.)
      const skipped =
        run.possessive ||
        /^\s*¤/u.test(after) ||
        (modifier !== null && !VERB_LIKE.test(modifier[1]!) && !SPEECH_VERB_SET.has(modifier[1]!) && !ADVERB.test(modifier[1]!) && VERB_LIKE.test(modifier[2]!));
      const wordBefore = lastPrefixWord;
      prefixWordCount += run.name.length + run.lead.length;
      lastPrefixWord = run.raw.toLowerCase();
      if (skipped) continue;
      // `on Tuesday Mr Ebbers denied`: a weekday or month leading the run stands between the preposition and the name.
      if (wordBefore !== undefined && PREPOSITION.test(wordBefore) && !(run.lead.length > 0 && NOT_NAME.has(run.lead[0]!))) continue;
      if (!run.person && run.name.length === 0 && run.titled) {
        // `Prime Minister said` (a bare title), or a role word opening the sentence before the name.
        continue;
      }
      if (!run.person || run.org) {
        if (prefixWordCount === run.name.length + run.lead.length && !run.org) continue;
        // `Union official Ray Denton`, `Television chef Gordon Blake`, `Kremlin spokesman Dmitry Peskov`.
        // `His Chelsea counterpart, Jose Mourinho, disagreed`: the same with the person in apposition.
        if (/^\s+(?:[\p{Ll}-]+\s+){0,3}[\p{Ll}-]+,?\s+$/u.test(text.slice(run.end, run.end + 40).replace(/[\p{Lu}].*$/su, ''))) continue;
        return { kind: 'none', offset: run.index };
      }
      return { kind: 'person', person: run.person, offset: run.index };
    }
    return descriptionAtStart(body, start);
  }
}

function nearPart<T>(byPart: ReadonlyMap<string, T>, word: string): T | undefined {
  for (const [part, value] of byPart) {
    if (part.length >= 5 && Math.abs(part.length - word.length) <= 1 && part.slice(0, 3) === word.slice(0, 3) && editDistanceAtMostOne(part, word)) return value;
  }
  return undefined;
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const SYNONYMS = [
  ['boss', 'manager', 'coach', 'chief', 'director', 'head', 'gaffer', 'chairman'],
  ['teenager', 'teenage', 'youngster', 'teen'],
  ['premier', 'prime'],
  ['skipper', 'captain'],
  ['keeper', 'goalkeeper'],
  ['frontman', 'singer', 'vocalist'],
  ['star', 'actor', 'actress', 'singer'],
];

function synonymFits(head: string, intro: ReadonlySet<string>): boolean {
  return SYNONYMS.some((g) => g.includes(head) && g.some((w) => intro.has(w)));
}

function isPersonHead(head: string): boolean {
  if (NOT_PERSON_HEADS.has(head)) return false;
  return ROLE_NOUNS.has(head) || /^\d+-year-old$/.test(head) || /^[a-z-]+-year-old$/.test(head) || /(?:man|woman|ian|ese|ish|er|or|ist)$/.test(head) && !/s$/.test(head);
}

/** Description words (lowercased, no determiner) → a description subject, or `none` when it cannot be one person. */
function descriptionOf(words: readonly string[], offset: number): Subject | undefined {
  const clean = words.map((w) => w.toLowerCase().replace(/['’]s$/u, '')).filter((w) => w.length > 0);
  const head = clean.at(-1);
  if (head === undefined) return undefined;
  if (NOT_PERSON_HEADS.has(head) || (/s$/.test(head) && !ROLE_NOUNS.has(head) && !/(?:ss|us)$/.test(head))) return { kind: 'none', offset };
  if (!isPersonHead(head)) return undefined;
  return { kind: 'description', words: clean, offset };
}

/** `… the 74-year-old comedian` at the end of a prefix. */
function descriptionAtEnd(prefix: string, from: number): Subject | undefined {
  const m = /(?:^|[\s,(])(the|The|a|A|an|An|his|His|her|Her|its|Its|their|Their|[\p{L}-]+['’]s?)\s+((?:[\p{L}\d'’-]+\s+){0,3}[\p{L}\d'’-]+)$/u.exec(prefix);
  if (!m) {
    // A bare plural or mass subject: `Estate agents welcomed…`, `Analysts said`.
    const bare = /(?:^|[\s,])([\p{Ll}-]+)$/u.exec(prefix);
    if (bare && NOT_PERSON_HEADS.has(bare[1]!)) return { kind: 'none', offset: from + bare.index };
    return undefined;
  }
  const determiner = m[1]!.toLowerCase();
  const offset = from + prefix.length - m[2]!.length;
  const words = m[2]!.split(/\s+/);
  if (words.some((w) => VERB_LIKE.test(w.toLowerCase()))) return undefined;
  if (determiner === 'a' || determiner === 'an') return { kind: 'none', offset };
  if (determiner !== 'the') {
    // `his agent`, `Reid's coach`: someone else's spokesperson or aide, unnamed here.
    return descriptionOf(words, offset)?.kind === 'description' ? { kind: 'none', offset } : descriptionOf(words, offset);
  }
  return descriptionOf(words, offset);
}

/** `The 27-year-old …` opening a sentence. */
function descriptionAtStart(body: string, start: number): Subject | undefined {
  const m = /^(?:The|the)\s+((?:[\p{L}\d'’-]+\s+){0,3}?[\p{L}\d'’-]+)(?=\s+(?:has|had|was|is|will|would|said|says|added|told|\p{Ll}+ed)\b|,)/u.exec(body);
  if (!m) return undefined;
  return descriptionOf(m[1]!.split(/\s+/), start + 4);
}

/** The narration of one paragraph: quotations replaced by MASK, same length. */
function maskQuotes(text: string, quotes: readonly QuoteRef[]): string {
  let out = '';
  let at = 0;
  for (const { span } of quotes) {
    out += text.slice(at, span.start) + MASK.repeat(span.end - span.start);
    at = span.end;
  }
  return out + text.slice(at);
}

// ---------------------------------------------------------------- quotations

/** What a quotation's own sentence says of its speaker, if anything. */
function ownSubject(article: Article, q: QuoteSpan): Subject | undefined {
  const p = q.paragraph;
  const text = article.masked[p]!;
  const sentences = article.sentences[p]!;
  const first = sentences[sentenceIndexAt(sentences, q.start)]!;
  const last = sentences[sentenceIndexAt(sentences, Math.max(q.start, q.end - 1))]!;
  const sentence = { start: first.start, end: Math.max(last.end, q.end) };
  const beforeQuote = text.slice(sentence.start, q.start);
  // `: "I joined…"`, `- "We won"`: a paragraph opened by a stray colon or dash opens a sentence too.
  const opensSentence = /^[\s:–—-]*$/u.test(beforeQuote);

  const afterSubject = (): Subject | undefined => {
    // The sentence may end with the quotation (`… "We won."`): look on only if it does not,
    // or if it ends in ? or ! (`"Will I?" Holmes asked.`).
    let afterEnd = Math.max(sentence.end, q.end);
    // `"…." So says Kate Green, director of …`: the next sentence names the speaker too.
    if (afterEnd === q.end) {
      const next = sentences[sentenceIndexAt(sentences, q.end)];
      const endsInQuestion = /[?!]['"’”»]?$/u.test(article.paragraphs[p]!.slice(q.start, q.end));
      if (next && next.start >= q.end && (endsInQuestion || /^\s*So\s+(?:says|said)\s/u.test(text.slice(next.start, next.end)))) afterEnd = next.end;
    }
    const after = text.slice(q.end, afterEnd);
    const verdict = VERDICT_OF.exec(after) ?? HOW_X_PUT_IT.exec(after);
    if (verdict) return article.subjectStartingAt(p, q.end + verdict[0].length, afterEnd);
    const verb = article.verbsIn(p, q.end, Math.min(afterEnd, q.end + 110))[0];
    if (!verb) return undefined;
    const between = text.slice(q.end, verb.index);
    if (between.includes(MASK)) return undefined;
    const verbSentence = { start: q.end, end: afterEnd };
    // `," IDC said`: a subject that is no person's name still says who spoke.
    if (/\p{L}/u.test(between) && !/^\s*So\s+$/u.test(between)) {
      const s = article.subjectEndingAt(p, verbSentence, verb.index) ?? (/^[\s,]*\p{Lu}{2,}\s*$/u.test(between) ? { kind: 'none', offset: q.end } : undefined);
      // `But Mr Blair had been "hurt" by the Iraq row, he added`: the one reporting is not the one reported on.
      if (s?.kind === 'pronoun' && /,\s*(?:he|she)\s*$/u.test(between) && !opensSentence) {
        const reported = article.sentenceSubject(p, { start: sentence.start, end: q.start });
        if (reported?.kind === 'person') return { ...s, not: reported.person };
      }
      return s;
    }
    return article.subjectStartingAt(p, verb.end, afterEnd);
  };

  const beforeSubject = (): Subject | undefined => {
    // `The Sun quoted her coach, Robert Lansdorp, as saying …`: the one quoted is the speaker.
    const quoted = QUOTED_AS.exec(beforeQuote);
    if (quoted) {
      const from = sentence.start + quoted.index + quoted[0].indexOf(quoted[1]!);
      const named = article.runsIn(p, from, from + quoted[1]!.length).filter((r) => r.person && !r.org && !r.possessive).at(-1);
      if (named) return { kind: 'person', person: named.person!, offset: named.index };
      const pronoun = /^(him|her)$/u.exec(quoted[1]!.trim());
      if (pronoun) return { kind: 'pronoun', gender: pronoun[1] === 'him' ? 'm' : 'f', offset: from };
      return { kind: 'none', offset: from };
    }
    // `his claim that she had "lost her way"`: the words belong to the possessor.
    const noun = speechNounBefore().exec(beforeQuote);
    const lastVerb = article.verbsIn(p, sentence.start, q.start).at(-1);
    // … unless a verb has the claim for its object: `dismissed his claims as "nonsense"` is the dismisser's word.
    const nounIsObject = noun !== null && lastVerb !== undefined && /^\s*$/u.test(text.slice(lastVerb.end, sentence.start + noun.index + noun[0].indexOf(noun[1]!)));
    if (noun && !nounIsObject && (!lastVerb || lastVerb.index < sentence.start + noun.index)) {
      const owner = noun[1]!;
      const offset = sentence.start + noun.index + noun[0].indexOf(owner);
      if (/^(?:his|her)$/i.test(owner)) return { kind: 'pronoun', gender: /^his$/i.test(owner) ? 'm' : 'f', offset };
      const run = article.runStartingAt(p, offset);
      if (run?.person && !run.org) return { kind: 'person', person: run.person, offset };
      return { kind: 'none', offset };
    }
    if (!lastVerb) return undefined;
    const subject = article.subjectOfVerb(p, sentence, lastVerb.index, lastVerb.end, q.start);
    if (subject === undefined || subject.kind === 'none') {
      // `He said on Monday that the club had spoken to "three or four" candidates`: the words are reported
      // by the earlier verb's subject.
      const reporting = article.verbsIn(p, sentence.start, lastVerb.index).reverse().find((v) => REPORTING_THAT.test(text.slice(v.end, lastVerb.index)));
      const reporter = reporting ? article.subjectOfVerb(p, sentence, reporting.index, reporting.end, lastVerb.index) : undefined;
      if (reporter && reporter.kind !== 'none') return reporter;
    }
    return subject ?? { kind: 'none', offset: lastVerb.index };
  };

  const colonSubject = (): Subject | undefined => {
    // `Labour's Rachel Stone hit back: "…"`, `Anna Kowalska read the statement aloud: "…"`.
    if (!/:\s*$/u.test(beforeQuote)) return undefined;
    return article.sentenceSubject(p, { start: sentence.start, end: q.start });
  };

  const accordingTo = (): Subject | undefined => {
    const region = text.slice(sentence.start, sentence.end);
    ACCORDING_TO.lastIndex = 0;
    for (const m of region.matchAll(ACCORDING_TO)) {
      const s = article.subjectStartingAt(p, sentence.start + m.index + m[0].length, sentence.end);
      if (s) return s;
    }
    return undefined;
  };

  if (opensSentence) return afterSubject() ?? accordingTo();
  return beforeSubject() ?? colonSubject() ?? afterSubject() ?? accordingTo();
}

/** A speaker (or undefined) for each quote span, in the same order. */
export function attributeQuotes(paragraphs: readonly string[], quotes: readonly QuoteSpan[]): (string | undefined)[] {
  if (quotes.length === 0) return [];
  const article = new Article(paragraphs, quotes);
  const own = quotes.map((q) => ownSubject(article, q));
  const result: (Person | undefined)[] = quotes.map((q, i) => {
    const subject = own[i];
    return subject === undefined ? undefined : article.resolve(subject, q.paragraph);
  });

  const personsBetween = (paragraph: number, from: number, to: number, except: Person | undefined): boolean =>
    article.runsIn(paragraph, from, to).some((r) => r.end <= to && r.person !== undefined && !r.org && r.person !== except && !r.possessive);

  for (let i = 0; i < quotes.length; i++) {
    if (own[i] !== undefined) continue;
    const q = quotes[i]!;
    const prev = quotes[i - 1];
    // A quotation reopened in the next paragraph, or after a flattened paragraph break, continues its speaker.
    if (q.continued && prev !== undefined) {
      result[i] = result[i - 1];
      continue;
    }
    if (prev !== undefined && prev.paragraph === q.paragraph && result[i - 1] !== undefined) {
      if (!personsBetween(q.paragraph, prev.end, q.start, result[i - 1])) {
        result[i] = result[i - 1];
        continue;
      }
    }
  }
  // Backwards: `"First sentence. "Second," he said.` gives the first the second's speaker.
  for (let i = quotes.length - 2; i >= 0; i--) {
    const q = quotes[i]!;
    const next = quotes[i + 1]!;
    if (own[i] !== undefined || result[i] !== undefined || result[i + 1] === undefined) continue;
    const adjacent = next.paragraph === q.paragraph ? article.masked[q.paragraph]!.slice(q.end, next.start).trim() === '' : next.continued;
    if (adjacent || next.continued) result[i] = result[i + 1];
  }
  // A quotation that opens its own sentence: the speaker or subject of the sentences before it.
  for (let i = 0; i < quotes.length; i++) {
    if (own[i] !== undefined || result[i] !== undefined) continue;
    const q = quotes[i]!;
    if (q.paragraph === 0) continue;
    const text = article.masked[q.paragraph]!;
    const sentences = article.sentences[q.paragraph]!;
    const si = sentenceIndexAt(sentences, q.start);
    if (!/^[\s:–—-]*$/u.test(text.slice(sentences[si]!.start, q.start))) continue;
    result[i] = speakerFromContext(article, q.paragraph, si, result);
  }
  return result.map((p) => p?.name);
}

/**
 * Looking back from sentence `si` of `paragraph` over at most three sentences: the last quotation's speaker
 * (unless someone else is named after it), else a person in subject position. Sentences with neither
 * (`The album came out in 1977.`) are passed over.
 */
function speakerFromContext(article: Article, paragraph: number, si: number, result: readonly (Person | undefined)[]): Person | undefined {
  let at = { paragraph, si };
  for (let step = 0; step < 4; step++) {
    const previous = previousSentence(article, at.paragraph, at.si);
    if (!previous) return undefined;
    const { paragraph: p, sentence } = previous;
    at = { paragraph: p, si: sentenceIndexAt(article.sentences[p]!, sentence.start) };
    const quotesThere = (article.quotesByParagraph.get(p) ?? []).filter((r) => r.span.start >= sentence.start && r.span.start < sentence.end);
    const lastQuote = quotesThere.at(-1);
    // `Bob was the most mesmeric man I've ever worked with.`: narration in the first person is the
    // speaker's own voice (a memoir, an interview), so its subject is not the speaker.
    if (!lastQuote && FIRST_PERSON.test(article.masked[p]!.slice(sentence.start, sentence.end))) continue;
    const subject = article.sentenceSubject(p, sentence);
    const subjectPerson = subject ? article.resolve(subject, p) : undefined;
    if (lastQuote) {
      const speaker = result[lastQuote.index];
      // `"…," said Smith. Jones disagreed.` names a new subject after the quotation.
      if (subjectPerson && subject && subject.offset > lastQuote.span.end && subjectPerson !== speaker) return subjectPerson;
      return speaker;
    }
    if (subjectPerson) return subjectPerson;
    const verbSubject = verbSubjectIn(article, p, sentence);
    const verbPerson = verbSubject ? article.resolve(verbSubject, p) : undefined;
    if (verbPerson) return verbPerson;
    // `A club spokesman said …` then a quotation: an unnamed speaker; say nothing.
    const narration = article.masked[p]!.slice(sentence.start, sentence.end);
    if (UNNAMED_SPEAKER.test(narration) && article.verbsIn(p, sentence.start, sentence.end).some((v) => article.subjectOfVerb(p, sentence, v.index, v.end, sentence.end)?.kind === 'none')) return undefined;
  }
  return undefined;
}

function verbSubjectIn(article: Article, paragraph: number, sentence: Sentence): Subject | undefined {
  let found: Subject | undefined;
  for (const v of article.verbsIn(paragraph, sentence.start, sentence.end)) {
    const s = article.subjectOfVerb(paragraph, sentence, v.index, v.end, sentence.end);
    if (s && s.kind !== 'none') found = s;
  }
  return found;
}

/** The sentence before sentence `si` of `paragraph`: in the same paragraph, else the last of the previous one (not the headline). */
function previousSentence(article: Article, paragraph: number, si: number): { paragraph: number; sentence: Sentence } | undefined {
  if (si > 0) return { paragraph, sentence: article.sentences[paragraph]![si - 1]! };
  for (let p = paragraph - 1; p >= 1; p--) {
    const sentences = article.sentences[p]!;
    const last = sentences.at(-1);
    if (last && article.masked[p]!.trim() !== '') return { paragraph: p, sentence: last };
  }
  return undefined;
}
