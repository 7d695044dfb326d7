import { Box, Text } from 'ink';
import { memo } from 'react';
import { fit, truncate, widthOf } from '../text.js';
import { useTheme } from '../hooks/use-theme.js';

/** A row of a menu: text on the left, an optional count on the right; a heading is drawn bold. */
export interface MenuRow {
  key: string;
  text: string;
  right?: string;
  heading?: boolean;
}

/**
 * A selectable list of one-line rows (the quotes panel, the people view):
 * only the visible window is drawn, as in ListView.
 */
export function MenuView({ rows, top, cursor, height, width, emptyMessage }: { rows: readonly MenuRow[]; top: number; cursor: number; height: number; width: number; emptyMessage: string }) {
  if (rows.length === 0) {
    return (
      <Box height={height} flexDirection="column">
        <Text wrap="truncate-end">{fit(emptyMessage, width)}</Text>
      </Box>
    );
  }
  return (
    <Box height={height} flexDirection="column">
      {rows.map((row, i) => (
        <MenuLine key={`${top + i}:${row.key}`} row={row} width={width} selected={top + i === cursor} />
      ))}
    </Box>
  );
}

const MenuLine = memo(function MenuLine({ row, width, selected }: { row: MenuRow; width: number; selected: boolean }) {
  const theme = useTheme();
  const right = row.right ? truncate(row.right, Math.max(0, Math.floor(width / 2))) : '';
  const left = fit(` ${row.text}`, Math.max(0, width - widthOf(right) - (right ? 1 : 0)));
  return (
    <Text wrap="truncate-end" {...(selected ? theme.style('selected') : {})}>
      <Text {...(row.heading ? theme.style('overlayTitle') : {})}>{left}</Text>
      {right ? ` ${right}` : ''}
    </Text>
  );
});
