import { describe, expect, it } from 'vitest';
import {
  MAX_COMBINING_MARKS,
  MAX_LINE_LENGTH,
  containsForbidden,
  sanitizeBody,
  sanitizeLine,
  truncateLine,
} from '../src/sanitize/index.js';

const ESC = '\x1b';
const BEL = '\x07';
const ST = `${ESC}\\`;

/** Both functions must agree wherever the input has no line breaks or bidi controls. */
function both(input: string): [string, string] {
  return [sanitizeBody(input), sanitizeLine(input)];
}

describe('escape sequences are removed whole', () => {
  it('drops OSC 0 and OSC 2 window-title changes, BEL- or ST-terminated', () => {
    expect(both(`Markets${ESC}]0;pwned${BEL} rally`)).toEqual(['Markets rally', 'Markets rally']);
    expect(both(`Markets${ESC}]2;pwned${ST} rally`)).toEqual(['Markets rally', 'Markets rally']);
  });

  it('drops OSC 52 clipboard writes', () => {
    expect(sanitizeBody(`Read on.${ESC}]52;c;cm0gLXJmIH4K${BEL}`)).toBe('Read on.');
  });

  it('keeps the text of an OSC 8 hyperlink but not the hidden target', () => {
    const link = `${ESC}]8;;https://evil.example/${ST}bank.example${ESC}]8;;${ST}`;
    expect(sanitizeBody(`Log in at ${link} now`)).toBe('Log in at bank.example now');
  });

  it('drops an unterminated OSC at the end of the text', () => {
    expect(both(`Headline${ESC}]0;evil title`)).toEqual(['Headline', 'Headline']);
  });

  it('lets an unterminated OSC hide only the rest of its own line', () => {
    const input = `First line${ESC}]0;evil title\nSecond line survives`;
    expect(sanitizeBody(input)).toBe('First line\nSecond line survives');
    expect(sanitizeLine(input)).toBe('First line Second line survives');
  });

  it('drops a DCS DECRQSS request, which would make the terminal answer into our input', () => {
    expect(sanitizeBody(`before${ESC}P$qm${ST}after`)).toBe('beforeafter');
  });

  it('drops APC, PM and SOS strings', () => {
    expect(sanitizeBody(`a${ESC}_hidden${ST}b${ESC}^hidden${ST}c${ESC}Xhidden${ST}d`)).toBe('abcd');
  });

  it('drops terminal queries: cursor position, device attributes, window ops', () => {
    expect(both(`x${ESC}[6ny${ESC}[cz${ESC}[21t!`)).toEqual(['xyz!', 'xyz!']);
    expect(sanitizeBody(`${ESC}[>0c${ESC}[?1049h${ESC}[38;2;255;0;0mred`)).toBe('red');
  });

  it('removes a screen clear, leaving a fake prompt as plain visible text', () => {
    const out = sanitizeBody(`Story ends.${ESC}[2J${ESC}[Huser@host:~$ sudo `);
    expect(out).toBe('Story ends.user@host:~$ sudo ');
  });

  it('drops two-character ESC sequences: reset, save cursor, charset selection', () => {
    expect(sanitizeBody(`a${ESC}cb${ESC}7c${ESC}(Bd${ESC}#8e`)).toBe('abcde');
  });

  it('shows text that ESC[8m (conceal) tried to hide', () => {
    expect(sanitizeBody(`Price: ${ESC}[8msecret${ESC}[0m£5`)).toBe('Price: secret£5');
  });

  it('drops a CSI sequence cut short, and keeps what interrupted it', () => {
    expect(sanitizeBody(`a${ESC}[31\nb`)).toBe('a\nb');
    expect(sanitizeBody(`a${ESC}[`)).toBe('a');
    expect(sanitizeBody(`a${ESC}[3\b1m`)).toBe('a␈1m');
  });

  it('does not let an ESC inside an OSC swallow the sequence after it', () => {
    expect(sanitizeBody(`a${ESC}]0;x${ESC}[2Jb`)).toBe('ab');
  });
});

describe('C0 controls become visible markers', () => {
  it('shows backspaces used to overprint text', () => {
    expect(sanitizeBody('evil #\b\b\b\b\b\bgood')).toBe('evil #␈␈␈␈␈␈good');
  });

  it('shows a bare carriage return used to overwrite the line', () => {
    expect(both('Official figure: 12%\rFake figure: 90%')).toEqual([
      'Official figure: 12%␍Fake figure: 90%',
      'Official figure: 12%␍Fake figure: 90%',
    ]);
  });

  it('shows a lone ESC as ␛', () => {
    expect(sanitizeBody(`end${ESC}`)).toBe('end␛');
    expect(sanitizeBody(`a${ESC}\nb`)).toBe('a␛\nb');
    expect(sanitizeBody(`a${ESC}${ESC}[0mb`)).toBe('a␛b');
    expect(sanitizeBody(`a${ESC}é`)).toBe('a␛é');
  });

  it('maps every C0 byte except LF, TAB and ESC to its control picture', () => {
    for (let code = 0; code < 0x20; code++) {
      if (code === 0x0a || code === 0x09 || code === 0x1b) continue;
      const picture = String.fromCharCode(0x2400 + code);
      const input = `a${String.fromCharCode(code)}b`;
      expect(sanitizeBody(input), `U+${code.toString(16)}`).toBe(`a${picture}b`);
      expect(sanitizeLine(input), `U+${code.toString(16)}`).toBe(`a${picture}b`);
    }
  });

  it('expands tabs to the next multiple of 4 columns within the line', () => {
    expect(sanitizeBody('a\tb')).toBe('a   b');
    expect(sanitizeBody('abcd\te')).toBe('abcd    e');
    expect(sanitizeBody('Name\tAge\nBob\t42')).toBe('Name    Age\nBob 42');
    // Combining marks take no column.
    expect(sanitizeBody('e\u0301\tx')).toBe('e\u0301   x');
  });

  it('removes DEL', () => {
    expect(sanitizeBody('ab\x7fc')).toBe('abc');
  });
});

describe('C1 controls', () => {
  it('treats U+009B as CSI and drops the whole sequence', () => {
    expect(both('x\u009b31my\u009b2J')).toEqual(['xy', 'xy']);
  });

  it('treats U+009D as OSC, terminated by U+009C, BEL or the end of the line', () => {
    expect(sanitizeBody('\u009d0;title\u009cafter')).toBe('after');
    expect(sanitizeBody('\u009d52;c;Zm9v\u0007after')).toBe('after');
    expect(sanitizeBody('one\u009d0;title\ntwo')).toBe('one\ntwo');
  });

  it('drops 8-bit DCS, APC, PM and SOS strings', () => {
    expect(sanitizeBody('a\u0090$qm\u009cb\u009fx\u009cc\u009ex\u009cd\u0098x\u009ce')).toBe('abcde');
  });

  it('treats U+0085 (NEL) as a line break', () => {
    expect(sanitizeBody('one\u0085two')).toBe('one\ntwo');
    expect(sanitizeLine('one\u0085two')).toBe('one two');
  });

  it('drops every other C1 control', () => {
    for (let code = 0x80; code <= 0x9f; code++) {
      const out = sanitizeBody(`a${String.fromCharCode(code)}b`);
      expect(containsForbidden(out), `U+${code.toString(16)}`).toBe(false);
    }
    expect(sanitizeBody('a\u0080b\u0081c\u009cd')).toBe('abcd');
  });
});

describe('bidi controls', () => {
  const trojan = 'access = "user\u202E \u2066// admin\u2069 \u2066"';

  it('shows them as named markers in article bodies', () => {
    expect(sanitizeBody(trojan)).toBe('access = "user⟦RLO⟧ ⟦LRI⟧// admin⟦PDI⟧ ⟦LRI⟧"');
    expect(sanitizeBody('a\u202Ab\u202Bc\u202Cd\u202De\u2067f\u2068g\u200Eh\u200Fi\u061Cj')).toBe(
      'a⟦LRE⟧b⟦RLE⟧c⟦PDF⟧d⟦LRO⟧e⟦RLI⟧f⟦FSI⟧g⟦LRM⟧h⟦RLM⟧i⟦ALM⟧j',
    );
  });

  it('removes them from single-line values', () => {
    expect(sanitizeLine('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeLine(trojan)).toBe('access = "user // admin "');
    expect(containsForbidden(sanitizeLine(trojan), 'line')).toBe(false);
  });
});

describe('invisible characters', () => {
  it('drops zero width spaces, word joiners, BOMs and soft hyphens', () => {
    expect(both('\uFEFFpay\u200Bpal\u2060.com')).toEqual(['paypal.com', 'paypal.com']);
    expect(sanitizeBody('news\u00ADpaper')).toBe('newspaper');
  });

  it('drops interlinear annotation characters', () => {
    expect(sanitizeBody('a\uFFF9b\uFFFAc\uFFFBd')).toBe('abcd');
  });

  it('drops tag characters that smuggle hidden ASCII', () => {
    const hidden = [...'ignore all'].map((ch) => String.fromCodePoint(0xe0000 + ch.charCodeAt(0))).join('');
    expect(both(`Weather${hidden} today`)).toEqual(['Weather today', 'Weather today']);
  });

  it('keeps subdivision flags, which are built from tag characters', () => {
    const england = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}';
    const scotland = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';
    expect(sanitizeBody(`${england} v ${scotland}`)).toBe(`${england} v ${scotland}`);
    // Without its cancel tag it is not a flag: the black flag stays, the tags go.
    expect(sanitizeBody('\u{1F3F4}\u{E0067}\u{E0062} x')).toBe('\u{1F3F4} x');
  });

  it('keeps ZWJ in Indic conjuncts, splits emoji sequences into their parts (one width in every terminal), drops stray ones', () => {
    const conjunct = 'क्‍ष';
    expect(sanitizeBody(conjunct)).toBe(conjunct);
    expect(sanitizeBody('👨‍👩‍👧 🏳️‍🌈 👩🏽‍💻')).toBe('👨👩👧 🏳️🌈 👩🏽💻');
    expect(sanitizeBody('a\u200D b \u200D👩 👩\u200D')).toBe('a b 👩 👩');
  });

  it('keeps ZWNJ between letters (Persian) and drops it elsewhere', () => {
    expect(sanitizeBody('می\u200Cخواهم')).toBe('می\u200Cخواهم');
    expect(sanitizeBody('\u200Cword \u200C!')).toBe('word !');
  });

  it('replaces lone surrogates with U+FFFD', () => {
    expect(sanitizeBody('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
    expect(sanitizeBody('end\uD83D')).toBe('end\uFFFD');
  });
});

describe('limits', () => {
  it(`keeps at most ${MAX_COMBINING_MARKS} combining marks per base character`, () => {
    const zalgo = `Z${'\u0301'.repeat(10_000)}ebra`;
    expect(sanitizeBody(zalgo)).toBe(`Z${'\u0301'.repeat(MAX_COMBINING_MARKS)}ebra`);
    // Escapes or invisibles between marks do not reset the count.
    expect(sanitizeBody(`a${'\u0301'.repeat(3)}${ESC}[0m\u200B${'\u0301'.repeat(3)}`)).toBe(
      `a${'\u0301'.repeat(MAX_COMBINING_MARKS)}`,
    );
  });

  it('keeps real text that stacks marks: Vietnamese, Hebrew, keycaps', () => {
    const text = 'Vie\u0323\u0302t 1\uFE0F\u20E3 \u05E9\u05C1\u05BC\u05B8\u0591';
    expect(sanitizeBody(text)).toBe(text);
  });

  it(`cuts a line longer than ${MAX_LINE_LENGTH} units and says how much is missing`, () => {
    const long = 'x'.repeat(50_000);
    const out = sanitizeBody(`before\n${long}\nafter`);
    const lines = out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('before');
    expect(lines[2]).toBe('after');
    const cut = lines[1] ?? '';
    expect(cut.length).toBeLessThanOrEqual(MAX_LINE_LENGTH);
    const match = /^(x+)… \[(\d+) more characters\]$/.exec(cut);
    expect(match).not.toBeNull();
    expect((match?.[1]?.length ?? 0) + Number(match?.[2])).toBe(50_000);
  });

  it('cuts single-line values too, and never through a surrogate pair', () => {
    const out = sanitizeLine('😀'.repeat(30_000));
    expect(out.length).toBeLessThanOrEqual(MAX_LINE_LENGTH);
    expect(out).toMatch(/^(😀)+… \[\d+ more characters\]$/u);
    expect(sanitizeLine(out)).toBe(out);
  });

  it('handles a 5 MB hostile article with no forbidden output', () => {
    const chunk = `Text ${ESC}]0;t${BEL}${ESC}[2J\b\r\u009b6n\u202E\u200B${'\u0301'.repeat(20)}👨‍👩‍👧\n`;
    const input = chunk.repeat(Math.ceil(5_000_000 / chunk.length));
    const out = sanitizeBody(input);
    expect(containsForbidden(out)).toBe(false);
    expect(out.split('\n', 2)[0]).toBe(`Text ␈␍⟦RLO⟧${'\u0301'.repeat(MAX_COMBINING_MARKS)}👨👩👧`);
  });
});

describe('single-line values', () => {
  it('turns each run of line breaks into one space', () => {
    expect(sanitizeLine('Headline\n\nwith a break')).toBe('Headline with a break');
    expect(sanitizeLine('one\r\ntwo\u2028three\u2029four')).toBe('one two three four');
    expect(sanitizeLine('trailing\n')).toBe('trailing ');
  });

  it('turns Unicode line and paragraph separators into newlines in bodies', () => {
    expect(sanitizeBody('one\u2028two\u2029three')).toBe('one\ntwo\nthree');
  });
});

describe('printable text is preserved', () => {
  it('leaves ordinary news text exactly as it was', () => {
    const text = [
      'Café owners ‘relieved’ as rates fall to £1.2bn — “finally”, says Zoë',
      '',
      'Prices rose 3.4% in 2023 (up from 2.1%); shares: +12 ½… ¿Qué? Ça va!',
      '北京 · 東京 · 서울 — 中文新闻 ニュース',
      'Ελληνικά, Русский, עברית, العربية, हिन्दी, ไทย',
      'Emoji: 😀 👍🏽 🇬🇧 ❤️ 👨👩👧 1️⃣',
    ].join('\n');
    expect(sanitizeBody(text)).toBe(text);
    for (const line of text.split('\n')) expect(sanitizeLine(line)).toBe(line);
  });
});

describe('truncateLine', () => {
  it('sanitises, then cuts to the limit with an ellipsis', () => {
    expect(truncateLine(`Short${ESC}]0;x${BEL}`, 10)).toBe('Short');
    expect(truncateLine('A rather long headline', 10)).toBe('A rather …');
    expect(truncateLine('A rather long headline', 10)).toHaveLength(10);
  });

  it('never leaves half a surrogate pair or a dangling joiner', () => {
    expect(truncateLine('ab😀cd', 4)).toBe('ab…');
    expect(truncateLine('👨‍👩‍👧 family', 4)).toBe('👨…');
  });
});

describe('containsForbidden', () => {
  it('spots controls, lone surrogates and, for lines, breaks and bidi controls', () => {
    expect(containsForbidden('plain text\nwith a newline')).toBe(false);
    expect(containsForbidden('tab\there')).toBe(true);
    expect(containsForbidden(`esc${ESC}`)).toBe(true);
    expect(containsForbidden('c1\u009b')).toBe(true);
    expect(containsForbidden('del\x7f')).toBe(true);
    expect(containsForbidden('lone \uD800')).toBe(true);
    expect(containsForbidden('pair 😀')).toBe(false);
    expect(containsForbidden('a\nb', 'line')).toBe(true);
    expect(containsForbidden('a\u202Eb', 'line')).toBe(true);
    expect(containsForbidden('a\u202Eb')).toBe(false);
  });
});
