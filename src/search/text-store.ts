/**
 * Strings kept as UTF-8 bytes outside the JS heap, read back on demand. The
 * index keeps every article's lead for Fuse to re-rank the few hundred
 * candidates of a query: 44 million characters at 100,000 articles. As
 * strings they were ~70 MB of heap, which V8 then let grow to several times
 * that with garbage; as bytes they are ~45 MB the garbage collector never
 * walks. Copying also lets go of the file's text: a paragraph cut out of it
 * can be a slice that keeps the whole text alive. Text decoded from files has
 * no lone surrogates, so it reads back exactly as stored.
 */

/** Bytes per page; a longer text gets a page of its own. */
const PAGE = 1 << 20;

export class TextStore {
  private readonly pages: Buffer[] = [];
  /** Per text: page, start and end byte, three numbers each. */
  private places = new Int32Array(3 * 1024);
  private count = 0;
  private page: Buffer | undefined;
  private used = PAGE;

  /** Stores `text`; returns the number to read it back with. */
  add(text: string): number {
    const length = Buffer.byteLength(text, 'utf8');
    if (this.used + length > PAGE) this.newPage(length);
    const page = this.page as Buffer;
    page.write(text, this.used, 'utf8');
    if ((this.count + 1) * 3 > this.places.length) {
      const grown = new Int32Array(this.places.length * 2);
      grown.set(this.places);
      this.places = grown;
    }
    const at = this.count * 3;
    this.places[at] = this.pages.length - 1;
    this.places[at + 1] = this.used;
    this.places[at + 2] = this.used + length;
    this.used += length;
    return this.count++;
  }

  get(index: number): string {
    const at = index * 3;
    const page = this.pages[this.places[at] as number] as Buffer;
    return page.toString('utf8', this.places[at + 1], this.places[at + 2]);
  }

  private newPage(length: number): void {
    this.page = Buffer.allocUnsafeSlow(Math.max(PAGE, length));
    this.pages.push(this.page);
    this.used = 0;
  }
}
