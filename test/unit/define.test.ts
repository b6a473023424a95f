import { expect } from '@open-wc/testing';
import { defineElement } from '../../src/core/define.js';
import { VERSION } from '../../src/core/version.js';

function captureWarnings(run: () => void): string[] {
  const original = console.warn;
  const seen: string[] = [];
  console.warn = (...args: unknown[]) => void seen.push(args.map(String).join(' '));
  try {
    run();
  } finally {
    console.warn = original;
  }
  return seen;
}

describe('defineElement', () => {
  it('registers a tag once and ignores a second copy of the same version without throwing', () => {
    class First extends HTMLElement {
      static readonly onestopVersion = VERSION;
    }
    class SecondCopy extends HTMLElement {
      static readonly onestopVersion = VERSION;
    }
    const warnings = captureWarnings(() => {
      defineElement('onestop-test-same', First);
      defineElement('onestop-test-same', SecondCopy);
    });
    expect(customElements.get('onestop-test-same')).to.equal(First);
    expect(warnings).to.deep.equal([]);
  });

  it('warns once per page when another version already holds the tag', () => {
    class Old extends HTMLElement {
      static readonly onestopVersion = '0.0.1-old';
    }
    class Current extends HTMLElement {
      static readonly onestopVersion = VERSION;
    }
    customElements.define('onestop-test-clash-a', Old);
    customElements.define('onestop-test-clash-b', class extends Old {});
    const warnings = captureWarnings(() => {
      defineElement('onestop-test-clash-a', Current);
      defineElement('onestop-test-clash-a', Current);
      defineElement('onestop-test-clash-b', Current);
    });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('0.0.1-old').and.contain(VERSION);
    expect(customElements.get('onestop-test-clash-a')).to.equal(Old);
  });
});
