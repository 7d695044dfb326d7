import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Article } from '../../archive/article.js';
import { rowCells } from '../list-row.js';
import { fit } from '../text.js';
import { useTheme } from '../theme.js';

interface ListViewProps {
  articles: readonly Article[];
  /** Index of the first visible row in the whole list. */
  top: number;
  cursor: number;
  height: number;
  width: number;
  isRead: (id: string) => boolean;
  emptyMessage: string;
}

/** Draws only the visible window of rows: `articles` is already that slice. */
export function ListView({ articles, top, cursor, height, width, isRead, emptyMessage }: ListViewProps) {
  if (articles.length === 0) {
    return (
      <Box height={height} flexDirection="column">
        <Text wrap="truncate-end">{fit(emptyMessage, width)}</Text>
      </Box>
    );
  }
  return (
    <Box height={height} flexDirection="column">
      {articles.map((article, i) => (
        <ListRow
          key={article.id}
          article={article}
          width={width}
          selected={top + i === cursor}
          unread={!isRead(article.id)}
        />
      ))}
    </Box>
  );
}

const ListRow = memo(function ListRow({ article, width, selected, unread }: { article: Article; width: number; selected: boolean; unread: boolean }) {
  const theme = useTheme();
  const cells = rowCells(article, width, { bookmarked: false, unread });
  return (
    <Text wrap="truncate-end" {...(selected ? theme.style('selected') : {})}>
      <Text {...theme.style('mark')}>{cells.marks}</Text>
      {cells.date}
      <Text {...(unread ? theme.style('unread') : {})}>{cells.headline}</Text>
      {cells.source}
    </Text>
  );
});
