export * from './types';
export { placePod } from './engine';
export { defaultCluster, nodesFromObjects, nodesFromFile, nodesFromText, mayHoldNodes, nodeRoles, parseTaint, readTaint, DEFAULT_CLUSTER_NAME, type NodeSet } from './nodes';
export { daemonTolerations, formatTaint, formatToleration, toleratesTaint } from './taints';
export { docToObject, podTemplateOf, podTemplatesIn, objectsIn, docAtOffset, type PodTemplateRef } from './workload';
export { podRequests, quantityMilli, formatAmount } from './resources';
