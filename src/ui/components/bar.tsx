import { Text } from 'ink';
import { barCells } from '../screens.js';
import { useTheme } from '../hooks/use-theme.js';
import type { TextStyle } from '../theme.js';

/** A full-width, inverse line with text on the left and right; the right side wins when space is short. */
export function Bar({ left, right, width, leftStyle }: { left: string; right: string; width: number; leftStyle?: TextStyle }) {
  const theme = useTheme();
  const cells = barCells(left, right, width);
  return (
    <Text {...theme.style('bar')} wrap="truncate-end">
      <Text {...leftStyle}>{cells.left}</Text>
      {cells.right}
    </Text>
  );
}
