// node-fetch for dist/cluster.js: Node 20's own fetch and Headers (client-node imports Headers only).
export const Headers = globalThis.Headers;
export default globalThis.fetch;
