/** Lower-case copies of candidate lists (the schema's field lists are the same arrays every time). */
const lowered = new WeakMap<readonly string[], string[]>();

/** The candidate a misspelt name most likely meant: same letters in another case, or a few edits away. */
export function nearest(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let lows = lowered.get(candidates);
  if (!lows) lowered.set(candidates, (lows = candidates.map((c) => c.toLowerCase())));
  const same = lows.indexOf(lower);
  if (same >= 0) return candidates[same];
  const limit = name.length <= 4 ? 1 : name.length <= 10 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k];
    if (Math.abs(c.length - name.length) > limit) continue;
    const d = editDistance(lower, lows[k], limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) {
      tie = true;
    }
  }
  return best && !tie ? best : undefined;
}

/** Optimal string alignment distance (insertions, deletions, substitutions, adjacent swaps), capped. */
export function editDistance(a: string, b: string, cap = Infinity): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  // three rows reused: the one two back (for swaps), the previous one and this one
  let prev2 = new Int32Array(cols);
  let prev = new Int32Array(cols);
  let row = new Int32Array(cols);
  for (let j = 0; j < cols; j++) prev[j] = j;
  for (let i = 1; i < rows; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2] + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
    const spare = prev2;
    prev2 = prev;
    prev = row;
    row = spare;
  }
  return prev[cols - 1];
}
