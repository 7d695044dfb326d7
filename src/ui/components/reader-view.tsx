import { Box, Text } from 'ink';
import { memo } from 'react';
import type { DocLine } from '../reader-doc.js';
import { markRanges } from '../search.js';
import { useTheme } from '../hooks/use-theme.js';

/** Ranges of one line that an in-article search matched; `current` is the one n/N went to. */
export type LineMarks = ReadonlyArray<{ start: number; end: number; current: boolean }>;

interface ReaderViewProps {
  /** Only the visible lines. */
  lines: readonly DocLine[];
  top: number;
  focus: number | null;
  height: number;
  margin: number;
  /** Search matches by line index in the whole article. */
  marks?: ReadonlyMap<number, LineMarks>;
}

const NO_MARKS: LineMarks = [];

export function ReaderView({ lines, top, focus, height, margin, marks }: ReaderViewProps) {
  return (
    <Box height={height} flexDirection="column">
      {lines.map((line, i) => (
        <ReaderLine key={top + i} line={line} margin={margin} focused={top + i === focus} marks={marks?.get(top + i) ?? NO_MARKS} />
      ))}
    </Box>
  );
}

const ReaderLine = memo(function ReaderLine({ line, margin, focused, marks }: { line: DocLine; margin: number; focused: boolean; marks: LineMarks }) {
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
    </Text>
  );
});
