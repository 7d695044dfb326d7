import pkg from '../../package.json' with { type: 'json' };

export const VERSION = `broadsheet ${pkg.version}`;

export const HELP = `broadsheet ${pkg.version} — read a local archive of news articles in the terminal

Usage:
  broadsheet [--archive DIR]                 open the reader (needs a terminal)
  broadsheet list [--json] [--sort date|title] [--limit N]
                                             one line per article: id, date, headline
  broadsheet show ID [--json] [--width N]    the article as wrapped text, or its full model as JSON
  broadsheet quotes ID [--json]              each quotation with its speaker
  broadsheet figures ID [--json]             each figure (money, percentages, dates…) with its sentence
  broadsheet search QUERY [--json] [--limit N]
                                             fuzzy search, best first (typos and partial words match)
  broadsheet doctor [--json]                 the archive report: what loaded, what was skipped and why
  broadsheet bookmarks [--json]              your bookmarks, newest first (moved articles are followed)
  broadsheet bookmark add|remove ID [--note TEXT]
  broadsheet export bookmarks [--format md|json]
                                             a reading list with headlines, dates, notes and paths
  broadsheet config path | get [KEY] | set KEY VALUE | unset KEY
                                             settings: sort, theme, maxWidth, archivePath, lastSelected

Options:
  -a, --archive DIR   the archive folder (default: $BROADSHEET_ARCHIVE, else the configured
                      archivePath, else the bundled sample articles)
      --max-size SIZE skip files larger than SIZE (default 5MB; e.g. 500KB, 20MB)
      --no-cache      read and parse every file, ignoring the cache of parsed articles
  -h, --help          this help
  -V, --version       the version

Environment:
  BROADSHEET_ARCHIVE     archive folder when --archive is not given
  BROADSHEET_CONFIG_DIR  where bookmarks and reading state are kept
  BROADSHEET_CACHE_DIR   where parsed articles are cached (default ~/.cache/broadsheet)
  NO_COLOR, FORCE_COLOR  turn colour off or on (output to a pipe has none)

Exit status: 0 success, 1 archive or article not found, 2 usage error.`;
