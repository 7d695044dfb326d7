/**
 * What the list screen says, as plain data: the header, the visible rows and
 * the footer. The App draws it with Ink, and the first frame (first-frame.ts)
 * draws the same data as text before Ink has loaded, so both take it from here.
 */
import type { Archive, Article } from '../archive/article.js';
import { sanitizeLine } from '../sanitize/index.js';
import { frameFor } from './layout.js';
import type { RowFields } from './list-row.js';
import { SORT_LABEL } from './sort.js';
import { listFilter, listOrder } from './state.js';
import type { UiEnv, UiState } from './state.js';
import { fit, formatCount, formatDate, sourceOf, truncate, widthOf } from './text.js';

/** One row of the list, the search results or the bookmarks view. */
export interface ListRowData extends RowFields {
  key: string;
  bookmarked: boolean;
  unread: boolean;
  /** Half-open UTF-16 ranges of the headline a search matched. */
  matches?: ReadonlyArray<readonly [number, number]>;
  /** Drawn dimmed: a bookmark whose article is gone. */
  muted?: boolean;
  /**
   * A second line under the row (search results): where the query's words
   * are in the text, those words marked; empty while it is being read.
   */
  detail?: { text: string; matches: ReadonlyArray<readonly [number, number]> };
}

export interface BarText {
  left: string;
  right: string;
}

export interface ListScreen {
  header: BarText;
  /** Hints on the left, the position on the right. */
  footer: BarText;
  rows: ListRowData[];
  emptyMessage: string;
}

/** The folder's own name, for headers: a folder name is as untrusted as a file name. */
export function archiveName(root: string): string {
  const parts = root.split(/[\\/]/).filter(Boolean);
  return sanitizeLine(parts[parts.length - 1] ?? root);
}

export function articleRow(article: Article, state: Pick<UiState, 'bookmarked' | 'read'>): ListRowData {
  return {
    key: article.id,
    date: formatDate(article.date),
    fileDate: article.dateOrigin === 'mtime',
    headline: article.headline,
    source: sourceOf(article),
    bookmarked: state.bookmarked.has(article.id),
    unread: !state.read.has(article.id),
  };
}

/** Articles not read: every read mark names an article that may or may not still be in the archive. */
export function unreadCount(archive: Archive, read: ReadonlySet<string>): number {
  return archive.size - (read.size === 0 ? 0 : archive.countPresent(read));
}

/** Articles not read among those the list shows (its section, only unread). */
export function unreadInView(state: Pick<UiState, 'read' | 'section' | 'unreadOnly' | 'sort'>, env: UiEnv): number {
  const filter = listFilter(state);
  if (filter.section === undefined && filter.exclude === undefined) return unreadCount(env.archive, state.read);
  const shown = env.order(state.sort, filter).length;
  return shown - (state.read.size === 0 ? 0 : env.archive.countPresent(state.read, filter));
}

/** The list's rows in view: `height` of them from `state.listTop`, in the current sort order. */
export function visibleListRows(state: UiState, env: UiEnv, height: number): ListRowData[] {
  const rows: ListRowData[] = [];
  const order = listOrder(state, env);
  for (let index = state.listTop; index < Math.min(order.length, state.listTop + height); index++) {
    const id = order.idAt(index);
    const article = id === undefined ? undefined : env.archive.get(id);
    if (article) rows.push(articleRow(article, state));
  }
  return rows;
}

export function listScreen(state: UiState, env: UiEnv, unread: number): ListScreen {
  const { archive } = env;
  const order = listOrder(state, env);
  const skipped = archive.report.skipped.length;
  // Where the list is narrowed, the header says so: a section after the archive's name, "only unread" on the right.
  const section = state.section === null ? '' : ` › ${sanitizeLine(state.section)}`;
  const only = state.unreadOnly === null ? '' : ' · only unread';
  let emptyMessage = ` No articles in ${sanitizeLine(archive.root)}. Press ! to see what was skipped.`;
  if (state.unreadOnly !== null) emptyMessage = ' No unread articles here. U shows the read ones too.';
  else if (state.section !== null) emptyMessage = ` No articles in ${sanitizeLine(state.section)}. c picks another section.`;
  return {
    header: {
      left: ` Broadsheet · ${archiveName(archive.root)}${section}`,
      right: `${formatCount(order.length)} article${order.length === 1 ? '' : 's'} · ${formatCount(unread)} unread${only}${skipped ? ` · ${formatCount(skipped)} skipped (!)` : ''} · ${SORT_LABEL[state.sort]} `,
    },
    footer: {
      left: ' Enter open · / search · c sections · Tab unread · ? help · q quit',
      right: order.length ? `${formatCount(state.cursor + 1)}/${formatCount(order.length)} ` : '',
    },
    rows: visibleListRows(state, env, frameFor(state.rows).contentHeight),
    emptyMessage,
  };
}

/** A bar's two sides fitted to `width`: the left padded, the right (with its leading space) kept whole when it fits. */
export function barCells(left: string, right: string, width: number): BarText {
  const rightText = truncate(right, Math.max(0, width - 2));
  const leftWidth = Math.max(0, width - widthOf(rightText) - (rightText ? 1 : 0));
  return { left: fit(left, leftWidth), right: rightText ? ` ${rightText}` : '' };
}
