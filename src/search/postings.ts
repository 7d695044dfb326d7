/**
 * The word index's posting lists, packed as bytes. Each posting is the gap
 * from the list's previous document and the field bits, in one number of 7
 * bits a byte: most gaps are small, so a posting takes one or two bytes. One
 * byte array holds every list, found through one offset table, so there is no
 * object per word (at 100,000 articles: 25 million postings over 100,000
 * words; as per-word arrays they took most of the index's 2 GB).
 *
 * Documents are added in order, each with the words it contains; the lists
 * are encoded a batch of documents at a time and joined at the end, so the
 * build never holds more than one batch unencoded.
 */

/** Each word's postings are split over three disjoint lists (see WordIndex.postingsOf). */
export const LIST = { title: 0, lead: 1, body: 2 } as const;
export type List = (typeof LIST)[keyof typeof LIST];
const LISTS = 3;

const TITLE_BITS = 0b00111;
const LEAD_BIT = 0b01000;

/**
 * The field bits a list can vary in: `shift` of them, taken from bit `offset`;
 * `fixed` are set in every posting of the list. A title list keeps all five
 * bits, a lead list only whether the body has the word too, a body list none.
 */
const CODECS = [
  { shift: 5, offset: 0, fixed: 0 },
  { shift: 1, offset: 4, fixed: LEAD_BIT },
  { shift: 0, offset: 0, fixed: 0b10000 },
] as const;

/** The list a document's field bits for a word belong in: any title field, else the lead, else the body only. */
export function listOf(mask: number): List {
  return mask & TITLE_BITS ? LIST.title : mask & LEAD_BIT ? LIST.lead : LIST.body;
}

/** Postings buffered before a batch is encoded: 4 bytes each, so 16 MB. */
const BATCH_POSTINGS = 1 << 22;
/** Word ids share an int32 with the five field bits, and so do gaps between documents. */
const MAX_WORDS = 1 << 26;
const MAX_DOCUMENTS = 1 << 26;

export class PackedPostings {
  constructor(
    private readonly bytes: Uint8Array,
    /** Byte offset of list `word * 3 + list`; one more entry than there are lists. */
    private readonly starts: Int32Array,
  ) {}

  /** Whether the word has any posting in the list. */
  has(word: number, list: List): boolean {
    const slot = word * LISTS + list;
    return (this.starts[slot + 1] as number) > (this.starts[slot] as number);
  }

  /** Calls `visit` for each document of the list, in document order, with the fields the word is in. */
  forEach(word: number, list: List, visit: (doc: number, mask: number) => void): void {
    const slot = word * LISTS + list;
    const { shift, offset, fixed } = CODECS[list];
    const low = (1 << shift) - 1;
    const bytes = this.bytes;
    const end = this.starts[slot + 1] as number;
    let at = this.starts[slot] as number;
    let doc = -1;
    while (at < end) {
      let value = 0;
      let bits = 0;
      let byte: number;
      do {
        byte = bytes[at++] as number;
        value |= (byte & 0x7f) << bits;
        bits += 7;
      } while (byte & 0x80);
      doc += value >>> shift;
      visit(doc, fixed | ((value & low) << offset));
    }
  }

  /** Bytes held, for measurements. */
  get byteLength(): number {
    return this.bytes.byteLength + this.starts.byteLength;
  }
}

interface Segment {
  bytes: Uint8Array;
  starts: Int32Array;
  /** Lists the segment has offsets for (words seen by the time it was encoded). */
  lists: number;
}

export class PostingsBuilder {
  private docCount = 0;
  /** Unencoded postings of the current batch: word id × 32 + field bits. */
  private pending = new Int32Array(1024);
  private pendingLength = 0;
  /** Where each document of the batch ends in `pending`. */
  private docEnds: number[] = [];
  private firstDoc = 0;
  /** Per list, the last document encoded in it (gaps are measured from it); -1 before the first. */
  private last = new Int32Array(0);
  private readonly segments: Segment[] = [];

  /** `batchPostings`: how many postings to buffer before encoding them (small in tests, to cross batches). */
  constructor(private readonly batchPostings = BATCH_POSTINGS) {}

  /** Adds the next document: its words' ids (all below `wordCount`) and the field bits of each. */
  addDocument(words: ReadonlyMap<number, number>, wordCount: number): void {
    if (wordCount > MAX_WORDS || this.docCount >= MAX_DOCUMENTS) throw new Error('too many words or documents for one search index');
    if (this.pendingLength > 0 && this.pendingLength + words.size > this.batchPostings) this.encodeBatch(wordCount);
    if (this.pendingLength + words.size > this.pending.length) {
      const grown = new Int32Array(Math.max(this.pendingLength + words.size, this.pending.length * 2));
      grown.set(this.pending.subarray(0, this.pendingLength));
      this.pending = grown;
    }
    for (const [word, mask] of words) this.pending[this.pendingLength++] = word * 32 + mask;
    this.docEnds.push(this.pendingLength);
    this.docCount++;
  }

  get documents(): number {
    return this.docCount;
  }

  /** Every list, joined: `wordCount` is the size of the final vocabulary. */
  finish(wordCount: number): PackedPostings {
    this.encodeBatch(wordCount);
    this.last = new Int32Array(0);
    this.pending = new Int32Array(0);
    const lists = wordCount * LISTS;
    const only = this.segments.length === 1 ? this.segments.pop() : undefined;
    if (only) return new PackedPostings(only.bytes, only.starts);
    const starts = new Int32Array(lists + 1);
    for (const segment of this.segments) {
      for (let slot = 0; slot < segment.lists; slot++) {
        starts[slot + 1]! += (segment.starts[slot + 1] as number) - (segment.starts[slot] as number);
      }
    }
    for (let slot = 0; slot < lists; slot++) starts[slot + 1]! += starts[slot] as number;
    const bytes = new Uint8Array(starts[lists] as number);
    const cursor = starts.slice(0, lists);
    for (const segment of this.segments.splice(0)) {
      for (let slot = 0; slot < segment.lists; slot++) {
        const from = segment.starts[slot] as number;
        const to = segment.starts[slot + 1] as number;
        if (from === to) continue;
        const at = cursor[slot] as number;
        if (to - from > 32) bytes.set(segment.bytes.subarray(from, to), at);
        else for (let i = from; i < to; i++) bytes[at + i - from] = segment.bytes[i] as number;
        cursor[slot] = at + to - from;
      }
    }
    return new PackedPostings(bytes, starts);
  }

  /** Encodes the buffered documents into a segment: sizes first, then the bytes, each list contiguous. */
  private encodeBatch(wordCount: number): void {
    const lists = wordCount * LISTS;
    if (this.last.length < lists) {
      const last = new Int32Array(Math.max(lists, this.last.length * 2)).fill(-1);
      last.set(this.last);
      this.last = last;
    }
    const before = this.last.slice(0, lists);
    const starts = new Int32Array(lists + 1);
    this.walkBatch((slot, value) => {
      starts[slot + 1]! += varintLength(value);
    });
    for (let slot = 0; slot < lists; slot++) starts[slot + 1]! += starts[slot] as number;
    const bytes = new Uint8Array(starts[lists] as number);
    const cursor = starts.slice(0, lists);
    this.last.set(before);
    this.walkBatch((slot, value) => {
      let at = cursor[slot] as number;
      while (value >= 0x80) {
        bytes[at++] = (value & 0x7f) | 0x80;
        value >>>= 7;
      }
      bytes[at++] = value;
      cursor[slot] = at;
    });
    this.segments.push({ bytes, starts, lists });
    this.firstDoc += this.docEnds.length;
    this.docEnds = [];
    this.pendingLength = 0;
  }

  /** Each buffered posting as (list slot, encoded value), updating the last document per list. */
  private walkBatch(emit: (slot: number, value: number) => void): void {
    let entry = 0;
    for (let i = 0; i < this.docEnds.length; i++) {
      const doc = this.firstDoc + i;
      const end = this.docEnds[i] as number;
      for (; entry < end; entry++) {
        const packed = this.pending[entry] as number;
        const mask = packed & 31;
        const list = listOf(mask);
        const slot = (packed >>> 5) * LISTS + list;
        const { shift, offset } = CODECS[list];
        const value = ((doc - (this.last[slot] as number)) << shift) | ((mask >>> offset) & ((1 << shift) - 1));
        this.last[slot] = doc;
        emit(slot, value);
      }
    }
  }
}

function varintLength(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 0x10000000 ? 4 : 5;
}
