// Node, browsers and every other JavaScript runtime have these, but the ES library does not declare
// them: the engine is built with neither Node's nor the DOM's types, so nothing runtime-only slips in.
declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function queueMicrotask(callback: () => void): void;
