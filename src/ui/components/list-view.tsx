import { Box, Text } from 'ink';
import { memo } from 'react';
import { cellsFor, listColumns } from '../list-row.js';
import type { ListRowData } from '../screens.js';
import { fitHighlighted } from '../search.js';
import { fit, widthOf } from '../text.js';
import { useTheme } from '../hooks/use-theme.js';

export type { ListRowData };

interface ListViewProps {
  /** Only the visible window of rows. */
  rows: readonly ListRowData[];
  /** Index of the first visible row in the whole list. */
  top: number;
  cursor: number;
  height: number;
  width: number;
  emptyMessage: string;
}

/** Draws only the visible window of rows: `rows` is already that slice. */
export function ListView({ rows, top, cursor, height, width, emptyMessage }: ListViewProps) {
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
        <ListRow key={row.key} row={row} width={width} selected={top + i === cursor} />
      ))}
    </Box>
  );
}

const ListRow = memo(function ListRow({ row, width, selected }: { row: ListRowData; width: number; selected: boolean }) {
  const theme = useTheme();
  const cells = cellsFor(row, width, row);
  const first = <ListRowLine row={row} cells={cells} width={width} selected={selected} />;
  if (row.detail === undefined) return first;
  // Under the headline: the marks and date columns stay clear, so the eye runs down the headlines.
  const indent = widthOf(cells.marks + cells.gap + cells.date);
  const room = Math.max(0, width - indent);
  const runs = room > 0 ? fitHighlighted(row.detail.text, row.detail.matches, room) : [];
  return (
    <>
      {first}
      <Text wrap="truncate-end">
        {' '.repeat(Math.min(indent, width))}
        {runs.map((run, i) => (
          <Text key={i} {...(run.match ? theme.style('searchMatch') : theme.style('muted'))}>
            {run.text}
          </Text>
        ))}
      </Text>
    </>
  );
});

function ListRowLine({ row, cells, width, selected }: { row: ListRowData; cells: ReturnType<typeof cellsFor>; width: number; selected: boolean }) {
  const theme = useTheme();
  const headlineStyle = row.muted ? theme.style('muted') : row.unread ? theme.style('unread') : {};
  const headline = row.matches?.length
    ? fitHighlighted(row.headline, row.matches, listColumns(width).headline).map((run, i) => (
        <Text key={i} {...(run.match ? theme.style('searchMatch') : {})}>
          {run.text}
        </Text>
      ))
    : cells.headline;
  return (
    <Text wrap="truncate-end" {...(selected ? theme.style('selected') : {})}>
      <Text {...theme.style('mark')}>{cells.marks}</Text>
      <Text {...theme.style('muted')}>{cells.gap}</Text>
      {cells.date}
      <Text {...headlineStyle}>{headline}</Text>
      {cells.source}
    </Text>
  );
}
