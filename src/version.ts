/** koordsim's version, written into every output row. Kept equal to package.json by tests/version.test.ts. */
export const VERSION = '0.1.0';
