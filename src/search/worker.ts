/**
 * Worker entry (bundled to dist/search-worker.js): reads and indexes the
 * articles the reader sends, then answers its queries. Reading the files
 * here keeps their 400 MB (at 100,000 articles) off the reader's thread and
 * out of its heap. See worker-search.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readArticleText } from '../archive/load.js';
import { loadParsersFor } from '../archive/formats.js';
import { ArchiveSearchBuilder, type ArchiveSearch } from './archive-search.js';
import { toSearchDoc } from './index.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('search-worker.js runs as a worker thread');
const setup = (workerData ?? {}) as WorkerSetup;
const reply = (message: FromWorker): void => port.postMessage(message);

let builder: ArchiveSearchBuilder | undefined = new ArchiveSearchBuilder();
let index: ArchiveSearch | undefined;

// One message at a time, in order: reading a batch may first load a parser (formats.ts), which is asynchronous.
let handled = Promise.resolve();
port.on('message', (message: ToWorker) => {
  handled = handled.then(() => handle(message));
});

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'articles': {
      if (!builder) throw new Error('articles after the index was finished');
      await loadParsersFor(message.articles.map((article) => article.relPath));
      for (const article of message.articles) {
        // A Buffer arrives as a plain Uint8Array.
        const file = typeof article.file === 'string' ? article.file : Buffer.from(article.file.buffer, article.file.byteOffset, article.file.byteLength);
        const text = readArticleText(file, article.relPath, setup.maxFileBytes);
        builder.add(toSearchDoc(article, text.ok ? text.text : undefined));
      }
      reply({ type: 'more' });
      break;
    }
    case 'done':
      if (!builder) throw new Error('the index was already finished');
      index = builder.finish();
      builder = undefined;
      reply({ type: 'ready' });
      break;
    case 'search':
      if (!index) throw new Error('a query before the index was finished');
      reply({ type: 'outcome', id: message.id, outcome: index.run(message.query, message.limit) });
      break;
  }
}
reply({ type: 'more' });
