/** The CSS of a Lit `css` template without comments and meaningless spaces. */
export declare function minifyCss(css: string): string;
/** Rollup plugin applying minifyCss to every css`…` in src/. */
export declare function minifyLitCss(): { name: string; transform(code: string, id: string): { code: string; map: null } | null };
