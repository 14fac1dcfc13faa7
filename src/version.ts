/** koordsim's version, written into every output row. Kept equal to package.json by tests/version.test.ts. */
export const VERSION = '0.1.0';

/**
 * The version of the model's rules, apart from the software's: a change to any rule that moves a
 * number bumps it (minor for a new mechanism or a changed rule, patch for last-bit arithmetic), and
 * docs/model.md's change log says what changed. Every output carries both versions, so a result can
 * be cited as "koordsim model X". `npm run golden:update` refuses to record moved numbers under an
 * unchanged model version.
 */
export const MODEL_VERSION = '1.7.0';
