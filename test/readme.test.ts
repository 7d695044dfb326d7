import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { keyTableMarkdown } from '../src/ui/help.js';
import { REPO } from './helpers/paths.js';

it('the README documents exactly the keys the help overlay shows', () => {
  expect(readFileSync(join(REPO, 'README.md'), 'utf8')).toContain(keyTableMarkdown());
});
