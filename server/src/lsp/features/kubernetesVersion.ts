import type { Feature } from '../feature';
import { versionChanges } from '../../core/explain/versionChanges';
import { formatMinor } from '../../core/versions';
import { KubernetesVersionsRequest, type KubernetesVersionsResponse } from '../../protocol';

/** workloadLens/kubernetesVersions: the versions the picker offers, each with what it changes. */
export const kubernetesVersionFeature: Feature = {
  register(workspace) {
    let changes: KubernetesVersionsResponse['versions'] | undefined;
    workspace.connection.onRequest(KubernetesVersionsRequest, (): KubernetesVersionsResponse => {
      changes ??= versionChanges().map((v) => ({ version: v.version, changes: v.text }));
      return { current: formatMinor(workspace.settings.kubernetesMinor), versions: changes };
    });
  },
};
