/**
 * Custom LSP requests of Workload Lens, declared once and shared by the server and every client
 * (the VS Code client imports this file; other editors can send the same method names).
 * Each entry: the method name, its params and its result type.
 */
export {};
