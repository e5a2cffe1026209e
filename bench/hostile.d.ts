/** Hostile inputs by name: (size in bytes) → Markdown text of about that size (hostile.js). */
export declare const HOSTILE: Record<string, (n: number) => string>;
