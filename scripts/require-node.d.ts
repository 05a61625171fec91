// Types for require-node.js, which stays plain JavaScript so that an old Node can run it.
export declare const MINIMUM_NODE: string;
export declare function nodeIsNewEnough(version: string): boolean;
export declare function nodeVersionMessage(version: string, execPath: string): string;
