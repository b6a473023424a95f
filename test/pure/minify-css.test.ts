import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minifyCss } from '../../scripts/minify-css.mjs';

test('minifyCss drops comments and spaces that carry no meaning', () => {
  assert.equal(
    minifyCss(`
      /* why */
      :host {
        display: block;
        color: var(--_text, #1b1b1b);
      }
      ul > li,
      ol > li {
        margin: 0 0 0.5em;
      }
    `),
    ':host{display:block;color:var(--_text,#1b1b1b)}ul>li,ol>li{margin:0 0 0.5em}',
  );
});

test('minifyCss keeps what changes the meaning: descendant spaces, calc() operators, quoted strings', () => {
  assert.equal(minifyCss('a :focus-visible { inline-size: calc(100% - 2 * 1em); }'), 'a :focus-visible{inline-size:calc(100% - 2 * 1em)}');
  assert.equal(
    minifyCss(`p::before { content: ' ·  /* not a comment? */ '; font-family: 'Segoe UI',  "Noto Sans TC"; }`.replace('/* not a comment? */', 'x  y')),
    `p::before{content:' ·  x  y ';font-family:'Segoe UI',"Noto Sans TC"}`,
  );
  assert.equal(minifyCss('@media (forced-colors: active) { button { border-color: ButtonText; } }'), '@media (forced-colors:active){button{border-color:ButtonText}}');
});
