import type { Feature } from '../feature';
import { diagnosticsFeature } from './diagnostics';
import { codeActionsFeature } from './codeActions';
import { placementFeature } from './placement';
import { hoverFeature } from './hover';
import { completionFeature } from './completion';
import { symbolsFeature } from './symbols';
import { codeLensFeature } from './codeLens';
import { cronPreviewFeature } from './cronPreview';
import { kubernetesVersionFeature } from './kubernetesVersion';
import { clusterFeature } from './cluster';

/** Every LSP feature the server offers; each lives in its own module. */
export const features: Feature[] = [diagnosticsFeature, codeActionsFeature, placementFeature, hoverFeature, completionFeature, symbolsFeature, codeLensFeature, cronPreviewFeature, kubernetesVersionFeature, clusterFeature];

clusterFeature.republish = (workspace, uri) => diagnosticsFeature.publish(workspace, uri);
