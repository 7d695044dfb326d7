/**
 * Runs one monkey sequence against the built reader in a pseudo-terminal read
 * through @xterm/headless, and judges it: the reader never ends on its own,
 * every probe is answered, every probed screen is exactly the frame the
 * reader drew (no row wider than the terminal), nothing but text and the
 * reader's own few escape sequences reaches the terminal, and Ctrl-C at the
 * end quits with status 0 and the terminal restored.
 */
import xterm from '@xterm/headless';
import { spawnCli, screenProblems } from '../helpers/pty.js';
import type { PtySession } from '../helpers/pty.js';
import { PAYLOAD } from '../helpers/hostile.js';
import { SEARCH_HELP_TITLE } from '../../src/ui/help.js';
import type { Sequence } from './sequence.js';

const ESC = '\u001b';

export interface RunOptions {
  /** The archive folder for `sequence.archive`. */
  archivePath: string;
  /** Shared by the sequences of a run: the list snapshot makes later starts quick. */
  cacheDir: string;
  /** How long a probe, the first frame or the exit may take before it counts as a hang (ms). */
  patienceMs?: number;
}

export interface Outcome {
  ok: boolean;
  /** What went wrong, for the failure record. */
  failure?: string;
  /** The step being taken when it went wrong (-1: before the first, steps.length: the quit). */
  atStep?: number;
  screen?: string[];
  ms: number;
}

class Failure extends Error {}

/** When the probe last wrote Esc to each session: a terminal sends Esc and a key that follows at once as Alt+key. */
const lastEscAt = new WeakMap<PtySession, number>();

/**
 * Waits until the reader has drawn nothing for a moment, well after the last
 * key the probe wrote (so an Esc is read on its own), and xterm has parsed
 * everything.
 */
async function settle(s: PtySession, patienceMs: number, quietMs = 100): Promise<void> {
  const deadline = Date.now() + patienceMs;
  for (;;) {
    await s.waitFor(() => true, 'xterm to catch up', patienceMs);
    if (Date.now() - s.lastOutputAt >= quietMs && Date.now() - (lastEscAt.get(s) ?? 0) >= 150) return;
    if (Date.now() > deadline) throw new Failure(`the reader kept drawing for ${patienceMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function untilFrame(s: PtySession, predicate: (frame: string[]) => boolean, what: string, patienceMs: number): Promise<string[]> {
  const deadline = Date.now() + patienceMs;
  const framesBefore = s.frames;
  const outputBefore = s.output.length;
  for (;;) {
    const frame = s.frame();
    if (frame && predicate(frame)) return frame;
    if (s.exitedAlready) throw new Failure(`the reader ended (exit status ${s.exitStatus}) while waiting for ${what}`);
    if (Date.now() > deadline) {
      const drawn = `${s.frames - framesBefore} frames and ${s.output.length - outputBefore} characters drawn meanwhile`;
      throw new Failure(`no answer within ${patienceMs} ms: waited for ${what} (${drawn}); the last frame is ${frame?.length ?? 0} rows: ${JSON.stringify((frame ?? []).slice(0, 3))}…`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * The help overlay: at its top (its first line under the header, whose title, like the footer, may be cut off
 * on a narrow terminal), or scrolled to show its search syntax, where `?` on the search screens opens it (the
 * section is near the end, so on a tall terminal it shows lower down, with the lines before it above). No
 * other screen has a line that is only the section's title.
 */
const isHelp = (frame: string[]): boolean =>
  (frame[1] ?? '').trim() === 'Everywhere' || frame.slice(1).some((line) => line.trim() === SEARCH_HELP_TITLE);

/** The frame that satisfies `predicate`, if one comes within `ms`. */
async function frameWithin(s: PtySession, predicate: (frame: string[]) => boolean, ms: number): Promise<string[] | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const frame = s.frame();
    if (frame && predicate(frame)) return frame;
    if (s.exitedAlready || Date.now() > deadline) return undefined;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * The UI still answers and draws what it means to: Esc, then `?` must open
 * the help (a frame for the terminal's size), the screen must show exactly
 * that frame, and Esc must close it again. Esc leaves a text line or goes
 * back one article; where `?` went into a text line, or articles were opened
 * from articles, Esc and `?` are tried again, up to 12 times.
 *
 * Only what the reader draws after each key counts: a reader busy for a
 * while (a 5 MB article, a loaded machine) reads the keys late, and Esc read
 * together with the next key is that key with Alt, as in any terminal. So
 * each key waits for the screen to show what the key before it did.
 */
async function probe(s: PtySession, rows: number, patienceMs: number): Promise<void> {
  // Give the keys of the burst time to be read and drawn, so their frames are not taken for the probe's.
  await settle(s, patienceMs, 300);
  // The root is one row shorter than the terminal; a frame drawn just before a resize was handled does not count.
  const helpNow = (f: string[]): boolean => isHelp(f) && f.length === rows - 1;
  let opened = false;
  for (let attempt = 0; attempt < 12 && !opened; attempt++) {
    // Esc closes a help left open by the last burst: wait until it has, so `?` opens a new one.
    s.write(ESC);
    lastEscAt.set(s, Date.now());
    if (isHelp(s.frame() ?? [])) await untilFrame(s, (f) => !isHelp(f), 'Esc to close the help', patienceMs);
    await settle(s, patienceMs);
    const before = s.frames;
    s.write('?');
    await frameWithin(s, (f) => s.frames > before && helpNow(f), attempt === 11 ? patienceMs : 3_000);
    if (s.exitedAlready) throw new Failure(`the reader ended (exit status ${s.exitStatus}) during the probe`);
    await settle(s, patienceMs);
    opened = s.frames > before && helpNow(s.frame() ?? []);
  }
  if (!opened) {
    const frame = s.frame() ?? [];
    throw new Failure(`no answer: Esc then ? did not open the help ${rows - 1} rows tall in 12 tries; the last frame is ${frame.length} rows: ${JSON.stringify(frame.slice(0, 3))}…`);
  }
  await settle(s, patienceMs);
  const deadline = Date.now() + 2_000;
  for (let problems = screenProblems(s); problems.length > 0; problems = screenProblems(s)) {
    if (Date.now() > deadline) throw new Failure(`the screen is not the frame the reader drew: ${problems.slice(0, 4).join(' | ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  // Esc, not ? again, closes it: a ? the reader read late would open it again; Esc never does.
  s.write(ESC);
  lastEscAt.set(s, Date.now());
  try {
    await untilFrame(s, (f) => !isHelp(f), 'the help to close after Esc', patienceMs);
  } catch (error) {
    throw new Failure(`${(error as Error).message}; then ${await liveness(s)}`);
  }
}

/** After a key went unanswered: does the reader still draw on a resize, and answer another key? */
async function liveness(s: PtySession): Promise<string> {
  const frames = s.frames;
  const [cols, rows] = [s.screen()[0]?.length ?? 80, s.screen().length];
  s.resize(cols + 1, rows);
  const resized = (await frameWithin(s, () => s.frames > frames, 3_000)) !== undefined;
  const shows = isHelp(s.frame() ?? []) ? 'the help' : 'no help';
  const before = s.frames;
  s.write('?');
  const answered = (await frameWithin(s, () => s.frames > before, 3_000)) !== undefined;
  return `a resize was ${resized ? `drawn (${shows})` : 'not drawn'} and another ? was ${answered ? '' : 'not '}answered`;
}

/**
 * Measures text as xterm draws it, on a terminal wide enough that nothing
 * wraps; remembers each row it measured. One per sequence: sequences run side
 * by side, and a measurement is a write then a read of the cursor.
 */
class RowMeter {
  readonly #term = new xterm.Terminal({ cols: 4000, rows: 2, allowProposedApi: true, scrollback: 0 });
  readonly #known = new Map<string, number>();

  async width(row: string): Promise<number> {
    if (/^[\x20-\x7e]*$/.test(row)) return row.length;
    let width = this.#known.get(row);
    if (width === undefined) {
      await new Promise<void>((resolve) => this.#term.write(`\u001b[2J\u001b[H${row}`, resolve));
      width = this.#term.buffer.active.cursorX;
      if (this.#known.size > 20_000) this.#known.clear();
      this.#known.set(row, width);
    }
    return width;
  }

  dispose(): void {
    this.#term.dispose();
  }
}

interface DrawnFrame {
  rows: string[];
  /** The terminal sizes it may have been laid out for: the one in effect when it arrived, and those since the last probe. */
  sizes: Array<{ cols: number; rows: number }>;
}

/**
 * Every frame fits the terminal as xterm draws it: its header bar is as wide
 * as the terminal it was laid out for (now or just before a resize), no row
 * is wider than that, and it is at most one row shorter than the terminal.
 */
async function checkFrames(frames: DrawnFrame[], meter: RowMeter): Promise<void> {
  for (const frame of frames.splice(0)) {
    const laidOut = await meter.width(frame.rows[0] ?? '');
    const sizes = frame.sizes.filter((candidate) => candidate.cols === laidOut);
    const shown = frame.sizes.map((c) => `${c.cols}x${c.rows}`).join(' or ');
    if (sizes.length === 0) throw new Failure(`a frame laid out ${laidOut} columns wide on a terminal ${shown}: ${JSON.stringify(frame.rows[0])}`);
    if (!sizes.some((size) => frame.rows.length <= size.rows - 1)) throw new Failure(`a frame ${frame.rows.length} rows tall on a terminal ${shown}`);
    for (const [index, row] of frame.rows.entries()) {
      const width = await meter.width(row);
      if (width > laidOut) throw new Failure(`row ${index} of a frame is ${width} columns wide as xterm draws it, on a terminal ${laidOut} wide: ${JSON.stringify(row)}`);
    }
  }
}

/**
 * Escape sequences the reader itself writes: styles, cursor moves and erasing, the cursor, the alternate
 * screen, synchronized updates, and `y`'s OSC 52 (base64 only: the URL inside cannot be read as sequences).
 */
const OWN_SEQUENCES = [/\u001b\[[0-9;:]*m/y, /\u001b\[[0-9;]*[ABCDGHJKf]/y, /\u001b\[\?(?:25|1049|2026)[hl]/y, /\u001b\]52;c;[A-Za-z0-9+/]*={0,2}\u0007/y];

/**
 * While the reader has handed the terminal to another program (`|`, `v`: it leaves the alternate screen and
 * comes back to it), what shows is that program's and the terminal's own echo of keys typed meanwhile
 * (`yukos\b \b…` as the line discipline erases them), not the reader's.
 */
const HANDED_OVER = /\u001b\[\?1049l[\s\S]*?(?=\u001b\[\?1049h)/g;

/** Everything in the raw output that is neither text nor one of the reader's own sequences: untrusted text reaching the terminal raw. */
export function rawProblems(whole: string): string[] {
  const output = whole.replace(HANDED_OVER, '\u001b[?1049l');
  const problems: string[] = [];
  for (let i = 0; i < output.length && problems.length < 5; i++) {
    const char = output[i]!;
    const code = char.charCodeAt(0);
    if (char === ESC) {
      // Sticky: each matches at i or not at all (an OSC 52 is longer than any fixed slice would be).
      const own = OWN_SEQUENCES.map((re) => {
        re.lastIndex = i;
        return re.exec(output)?.[0];
      }).find(Boolean);
      if (own) {
        i += own.length - 1;
        continue;
      }
      problems.push(`an escape sequence the reader does not write: ${JSON.stringify(output.slice(i, i + 16))}`);
      continue;
    }
    if ((code < 0x20 && char !== '\n' && char !== '\r') || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
      problems.push(`control character U+${code.toString(16).padStart(4, '0')} near ${JSON.stringify(output.slice(Math.max(0, i - 12), i + 12))}`);
    }
  }
  return problems;
}

export async function runSequence(sequence: Sequence, options: RunOptions): Promise<Outcome> {
  const patienceMs = options.patienceMs ?? 10_000;
  const started = Date.now();
  let rows = sequence.rows;
  let atStep = -1;
  // No `xdg-open` to find: `o` must not open a browser on the machine running the monkey; nor `|` and `v`
  // a pager or an editor that would wait for keys (the user's $PAGER or $EDITOR may be a full path).
  const programs = { BROWSER: undefined, PAGER: 'true', EDITOR: 'true', VISUAL: undefined };
  const s = spawnCli(['--archive', options.archivePath], { cols: sequence.cols, rows, env: { BROADSHEET_CACHE_DIR: options.cacheDir, PATH: '/nonexistent', ...programs } });
  let sizes = [{ cols: sequence.cols, rows }];
  const drawn: DrawnFrame[] = [];
  const meter = new RowMeter();
  s.onFrame((frameRows) => drawn.push({ rows: frameRows, sizes }));
  try {
    await untilFrame(s, (f) => f.length > 0, 'the first frame', patienceMs * 3);
    for (const [index, step] of sequence.steps.entries()) {
      atStep = index;
      if (s.exitedAlready) throw new Failure(`the reader ended on its own (exit status ${s.exitStatus})`);
      switch (step.kind) {
        case 'write':
          s.write(step.data);
          break;
        case 'bytes':
          s.writeBytes(Buffer.from(step.hex, 'hex'));
          break;
        case 'resize':
          rows = step.rows;
          sizes = [{ cols: step.cols, rows: step.rows }, ...sizes];
          s.resize(step.cols, step.rows);
          break;
        case 'probe':
          await probe(s, rows, patienceMs);
          await checkFrames(drawn, meter);
          // The frames from here on are laid out for the size now: the resizes before have been handled.
          sizes = [sizes[0]!];
          break;
      }
    }
    atStep = sequence.steps.length;
    s.write('\u0003');
    const exit = await Promise.race([s.exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), patienceMs))]);
    if (!exit) throw new Failure(`Ctrl-C did not end the reader within ${patienceMs} ms`);
    await s.waitFor(() => true, 'xterm to catch up');
    if (exit.exitCode !== 0) throw new Failure(`exit status ${exit.exitCode} after Ctrl-C`);
    if (s.bufferType !== 'normal' || !s.cursorVisible) throw new Failure(`the terminal was not restored (${s.bufferType} screen, cursor ${s.cursorVisible ? 'shown' : 'hidden'})`);
    await checkFrames(drawn, meter);
    const raw = rawProblems(s.output);
    if (raw.length > 0) throw new Failure(`raw output: ${raw.join(' | ')}`);
    if (s.output.includes(PAYLOAD)) throw new Failure(`a hostile payload (${PAYLOAD}) reached the screen`);
    return { ok: true, ms: Date.now() - started };
  } catch (error) {
    return { ok: false, failure: error instanceof Failure ? error.message : String((error as Error)?.stack ?? error), atStep, screen: s.screen(), ms: Date.now() - started };
  } finally {
    s.dispose();
    meter.dispose();
  }
}
