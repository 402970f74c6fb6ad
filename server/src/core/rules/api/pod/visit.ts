import type { PathSeg } from '../../../model/path';
import type { PlainMap } from '../value';
import { items } from './common';

/** podshelper.VisitContainersWithPath: init containers, then containers (ephemeral ones are forbidden in templates). */
export function visitContainers(spec: PlainMap, segs: PathSeg[], visit: (c: PlainMap, at: PathSeg[]) => void): void {
  for (const [c, i] of items(spec, 'initContainers')) visit(c, [...segs, 'initContainers', i]);
  for (const [c, i] of items(spec, 'containers')) visit(c, [...segs, 'containers', i]);
}
