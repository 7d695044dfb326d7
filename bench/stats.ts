/** Summaries of timing samples: the median and the worst run, never a mean. */
export interface Summary {
  median: number;
  max: number;
  runs: number;
}

export function summarize(samples: readonly number[]): Summary | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** `12.3 ms`, `1.24 s`: three significant figures are all a benchmark on a shared machine can claim. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatSummary(summary: Summary | undefined, unit: 'ms' | 'MB' = 'ms'): string {
  if (!summary) return 'n/a';
  const f = unit === 'ms' ? formatMs : (mb: number) => `${mb.toFixed(0)} MB`;
  return `${f(summary.median)} / ${f(summary.max)}`;
}

/** Broadsheet over a peer, e.g. `2.4x`: above 1 means Broadsheet is slower. */
export function ratio(ours: Summary | undefined, peer: Summary | undefined): string {
  if (!ours || !peer || peer.median <= 0) return 'n/a';
  return `${(ours.median / peer.median).toFixed(ours.median / peer.median >= 10 ? 0 : 1)}x`;
}
