import { Box, Text } from 'ink';
import { memo } from 'react';
import type { DocLine } from '../reader-doc.js';
import { markRanges } from '../search.js';
import { useTheme } from '../hooks/use-theme.js';
import { truncate, widthOf } from '../text.js';

/** Ranges of one line that an in-article search matched; `current` is the one n/N went to. */
export type LineMarks = ReadonlyArray<{ start: number; end: number; current: boolean }>;

interface ReaderViewProps {
  /** Only the visible lines. */
  lines: readonly DocLine[];
  top: number;
  focus: number | null;
  height: number;
  margin: number;
  /** The text's width, and the columns right of it for speakers' names (see TextLayout). */
  width: number;
  notes: number;
  /** Search matches by line index in the whole article. */
  marks?: ReadonlyMap<number, LineMarks>;
}

const NO_MARKS: LineMarks = [];

export function ReaderView({ lines, top, focus, height, margin, width, notes, marks }: ReaderViewProps) {
  return (
    <Box height={height} flexDirection="column">
      {lines.map((line, i) => (
        <ReaderLine key={top + i} line={line} margin={margin} width={width} notes={notes} focused={top + i === focus} marks={marks?.get(top + i) ?? NO_MARKS} />
      ))}
    </Box>
  );
}

interface ReaderLineProps {
  line: DocLine;
  margin: number;
  width: number;
  notes: number;
  focused: boolean;
  marks: LineMarks;
}

const ReaderLine = memo(function ReaderLine({ line, margin, width, notes, focused, marks }: ReaderLineProps) {
  const theme = useTheme();
  // The gutter's last column carries the marker for the highlight `]`/`[` went to.
  const gutter = margin > 0 ? ' '.repeat(margin - 1) : '';
  const marker = margin > 0 ? (focused ? '>' : ' ') : '';
  const lineStyle = theme.style(line.kind);
  return (
    <Text wrap="truncate-end">
      {gutter}
      <Text {...theme.style('focusMarker')}>{marker}</Text>
      <Text {...lineStyle} {...(focused && margin === 0 ? theme.style('selected') : {})}>
        {line.segments.length === 0
          ? ' '
          : markRanges(line.segments, marks).map((segment, i) => (
              <Text
                key={i}
                {...theme.style(segment.style)}
                {...(segment.mark === 'current' ? theme.style('findCurrent') : segment.mark === 'match' ? theme.style('findMatch') : {})}
              >
                {segment.text}
              </Text>
            ))}
      </Text>
      {line.note !== undefined && notes > 0 && (
        <Text {...theme.style('speaker')}>{`${' '.repeat(Math.max(0, width - lineColumns(line)) + 1)}${truncate(`— ${line.note}`, notes)}`}</Text>
      )}
    </Text>
  );
});

function lineColumns(line: DocLine): number {
  let columns = 0;
  for (const segment of line.segments) columns += widthOf(segment.text);
  return columns;
}
