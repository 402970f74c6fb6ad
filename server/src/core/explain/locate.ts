import type { PlacedDoc, WorkloadFile } from '../model/workloadFile';

/** The document of a file that holds a file offset (the last one starting at or before it). */
export function docAt(file: WorkloadFile, offset: number): PlacedDoc | undefined {
  const docs = file.docs;
  let low = 0;
  let high = docs.length - 1;
  let found: PlacedDoc | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (docs[mid].start <= offset) {
      found = docs[mid];
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  // Several documents of one chunk share a start; pick the one whose range holds the offset.
  if (found) {
    const sameStart = docs.filter((d) => d.start === found!.start);
    if (sameStart.length > 1) {
      const rel = offset - found.start;
      return sameStart.find((d) => {
        const r = d.doc.yaml.range;
        return r && rel >= r[0] && rel <= r[2];
      }) ?? found;
    }
  }
  return found;
}
