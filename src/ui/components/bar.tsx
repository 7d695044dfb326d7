import { Text } from 'ink';
import { fit, truncate, widthOf } from '../text.js';
import { useTheme } from '../theme.js';
import type { TextStyle } from '../theme.js';

/** A full-width, inverse line with text on the left and right; the right side wins when space is short. */
export function Bar({ left, right, width, leftStyle }: { left: string; right: string; width: number; leftStyle?: TextStyle }) {
  const theme = useTheme();
  const rightText = truncate(right, Math.max(0, width - 2));
  const leftWidth = Math.max(0, width - widthOf(rightText) - (rightText ? 1 : 0));
  return (
    <Text {...theme.style('bar')} wrap="truncate-end">
      <Text {...leftStyle}>{fit(left, leftWidth)}</Text>
      {rightText ? ` ${rightText}` : ''}
    </Text>
  );
}
