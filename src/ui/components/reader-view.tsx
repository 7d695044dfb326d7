import { Box, Text } from 'ink';
import { memo } from 'react';
import type { DocLine } from '../reader-doc.js';
import { useTheme } from '../theme.js';

interface ReaderViewProps {
  /** Only the visible lines. */
  lines: readonly DocLine[];
  top: number;
  focus: number | null;
  height: number;
  margin: number;
}

export function ReaderView({ lines, top, focus, height, margin }: ReaderViewProps) {
  return (
    <Box height={height} flexDirection="column">
      {lines.map((line, i) => (
        <ReaderLine key={top + i} line={line} margin={margin} focused={top + i === focus} />
      ))}
    </Box>
  );
}

const ReaderLine = memo(function ReaderLine({ line, margin, focused }: { line: DocLine; margin: number; focused: boolean }) {
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
          : line.segments.map((segment, i) => (
              <Text key={i} {...theme.style(segment.style)}>
                {segment.text}
              </Text>
            ))}
      </Text>
    </Text>
  );
});
