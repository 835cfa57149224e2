// Types of check-memo.js (plain JavaScript: the launcher runs it before anything is compiled).

/** Files and trees the check reads, repo-relative. */
export declare const checkedPaths: readonly string[];
/** The digest of everything the check's verdict depends on, for the build `bundleFile`. */
export declare function checkDigest(root: string, bundleFile: string): string;
/** Whether the check may be answered from the memo (no journal, no lock). */
export declare function memoApplies(root: string): boolean;
/** Whether the last passing check was of exactly this digest. */
export declare function passedBefore(root: string, digest: string): boolean;
export declare function recordPass(root: string, digest: string): void;
