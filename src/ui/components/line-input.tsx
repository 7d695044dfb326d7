import { Text } from 'ink';
import type { LineState } from '../line-edit.js';
import { fit, truncate, widthOf } from '../text.js';
import { useTheme } from '../hooks/use-theme.js';

/**
 * A text line in the footer: `label` then the text with an inverse caret, and
 * `right` (a count) at the far end. When the text is longer than the room,
 * the end with the caret stays visible.
 */
export function LineInput({ label, line, right, width }: { label: string; line: LineState; right: string; width: number }) {
  const theme = useTheme();
  const rightText = truncate(right, Math.max(0, Math.floor(width / 2)));
  const room = Math.max(1, width - widthOf(label) - (rightText ? widthOf(rightText) + 1 : 0));
  const rest = [...line.value.slice(line.cursor)];
  const atCaret = rest[0] ?? ' ';
  const after = rest.slice(1).join('');
  // Keep the caret in view: drop characters from the front of what comes before it.
  let shown = line.value.slice(0, line.cursor);
  while (shown.length > 0 && widthOf(shown) + widthOf(atCaret) > room) shown = [...shown].slice(1).join('');
  const tail = fit(after, Math.max(0, room - widthOf(shown) - widthOf(atCaret)));
  return (
    <Text wrap="truncate-end">
      <Text {...theme.style('prompt')}>{label}</Text>
      {shown}
      <Text inverse>{atCaret}</Text>
      {tail}
      {rightText ? <Text {...theme.style('status')}>{` ${rightText}`}</Text> : ''}
    </Text>
  );
}
