import type { Feature } from '../feature';
import { diagnosticsFeature } from './diagnostics';
import { placementFeature } from './placement';

/** Every LSP feature the server offers; each lives in its own module. */
export const features: Feature[] = [diagnosticsFeature, placementFeature];
