/**
 * Minifies the CSS inside Lit `css` tagged templates at build time: terser leaves template
 * strings alone, and every widget ships a few KB of indented, commented CSS. Only templates
 * without `${…}` are touched; quoted strings (font names, `content`) are kept as written.
 */
const STRING = /('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")/;

export function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(STRING)
    .map((part, i) =>
      i % 2 === 1
        ? part // a quoted string
        : part
            .replace(/\s+/g, ' ')
            // No space is needed around these; `:` only after it (a space before `:` in a
            // selector means a descendant), never around + - * / (calc() needs them).
            .replace(/\s*([{};,>])\s*/g, '$1')
            .replace(/:\s+/g, ':')
            .replace(/;}/g, '}'),
    )
    .join('')
    .trim();
}

/** Rollup plugin: applies minifyCss to every css`…` in our own sources. */
export function minifyLitCss() {
  return {
    name: 'minify-lit-css',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      return { code: code.replace(/\bcss`([^`]*)`/g, (whole, body) => (body.includes('${') ? whole : `css\`${minifyCss(body)}\``)), map: null };
    },
  };
}
