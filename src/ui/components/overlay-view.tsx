import { Box, Text } from 'ink';
import { fit } from '../text.js';
import { useTheme } from '../hooks/use-theme.js';

/** A scrollable page of plain lines (help, archive report); only the visible lines are drawn. */
export function OverlayView({ lines, height, width, titles }: { lines: readonly string[]; height: number; width: number; titles: ReadonlySet<string> }) {
  const theme = useTheme();
  return (
    <Box height={height} flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end" {...(titles.has(line) ? theme.style('overlayTitle') : {})}>
          {fit(line === '' ? ' ' : ` ${line}`, width)}
        </Text>
      ))}
    </Box>
  );
}
