/** Help for the search line and `broadsheet search --help`: plain words first, operators for those who want them. */
export const SEARCH_SYNTAX_HELP = `Search: type words as you remember them; typos and unfinished words still match.
  putin yukos     every word must appear (headline counts most, then source,
                  tags, the first paragraph, and last the rest of the text)
Operators (Fuse extended syntax; searches headline, source, tags, first paragraph):
  'oil            contains "oil" exactly
  ^china          starts with "china"
  bid$            ends with "bid"
  =Yukos          is exactly "Yukos"
  !sport          does not contain "sport"   (also !^prefix, !suffix$)
  oil | gas       either side of | may match
  '"net security" quote a phrase with spaces
  Terms joined by spaces must match in the same field, except with !: then
  headline, source, tags and first paragraph are read as one text.`;
