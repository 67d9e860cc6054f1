/** Where the build records the digest of the sources it compiled, relative to the pack folder. */
export declare const STAMP: string;
/** The compiled pack's entry point, relative to the pack folder. */
export declare const COMPILED_MAIN: string;
/** Every `.ts` file and tsconfig.json under `dir`, as sorted `/`-separated relative paths. */
export declare function sourceFiles(dir: string): string[];
/** The SHA-256 of the pack's sources: their paths and contents. */
export declare function sourceDigest(packDir: string): string;
/** The absolute path of bin/index.js when bin/ matches the sources beside it, or there are none beside it; else undefined. */
export declare function compiledMain(packDir: string): string | undefined;
