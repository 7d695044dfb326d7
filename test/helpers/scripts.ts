/** Text in the scripts terminals and string-width disagree about: spacing vowel signs (Mc), conjuncts, jamo, wide characters, emoji. */
export const SCRIPT_SAMPLES: Record<string, string> = {
  devanagari: 'हिन्दी किताब और विद्यार्थी',
  tamil: 'தமிழ் கேள்வி பொருளாதாரம்',
  bengali: 'বাংলা কিতাব বিশ্ববিদ্যালয়',
  kannada: 'ಕನ್ನಡ ಕೇಳಿ',
  thai: 'ภาษาไทย กำลัง น้ำ ที่นี่',
  hangulJamo: '\u1100\u1161\u11a8 \u1112\u1161\u11ab\u1100\u1173\u11af',
  hangul: '한국어 신문',
  cjk: '東京の新聞、経済ニュース',
};

export const EMOJI = ['😀', '👍🏽', '🇬🇧', '❤️', '1️⃣', '👩‍👩‍👧‍👦'];

/** One article per script (and one of emoji): headline and paragraphs long enough to wrap and be cut. */
export function scriptArticles(): Array<{ name: string; text: string }> {
  const entries = [...Object.entries(SCRIPT_SAMPLES), ['emoji', `${EMOJI.join(' ')} ${SCRIPT_SAMPLES.devanagari}`] as [string, string]];
  return entries.map(([name, sample], i) => {
    const headline = `${sample} ${sample}`;
    const paragraph = Array.from({ length: 8 }, () => sample).join(' ');
    const date = `2023-0${1 + (i % 9)}-1${i % 10}`;
    return { name: `${date}-${name}.txt`, text: `${headline}\n\n${paragraph}\n\n${paragraph} ${EMOJI.join('')}\n\n“${sample},” she said.\n` };
  });
}
