/**
 * The copy-paste embed snippet shown on each widget's Docs page: the API's address once per
 * page, the widget's own module, and the tag. Markdown, for `docs.description.component`.
 */
export function embedSnippet(tag: string, moduleFile: string, attributes: string, fallback: string): string {
  return [
    '',
    '',
    '#### Embed it',
    '',
    'Paste into the page (the `<meta>` once per page, in `<head>`). `onestop.js` instead of the widget\'s own file loads every widget; ' +
      '`onestop.classic.js` with a plain `<script src>` serves a CMS that cannot use modules.',
    '',
    '```html',
    '<meta name="onestop-api-base" content="https://api.onestop.example/">',
    `<script type="module" src="https://cdn.onestop.example/onestop/${moduleFile}"></script>`,
    '',
    `<${tag}${attributes ? ` ${attributes}` : ''}>`,
    `  ${fallback}`,
    `</${tag}>`,
    '```',
    '',
    'Restyle with the `--onestop-*` custom properties and `::part`s listed below, or a theme file: ' +
      '`<link rel="stylesheet" href="https://cdn.onestop.example/onestop/themes/taipei.css">` with `class="onestop-theme-taipei"` on `<html>`.',
  ].join('\n');
}
