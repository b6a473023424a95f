import { expect } from '@open-wc/testing';
import { API_BASE_META, resolveApiBase } from '../../src/core/onestop-element.js';

describe('resolveApiBase', () => {
  afterEach(() => document.head.querySelectorAll(`meta[name="${API_BASE_META}"]`).forEach((m) => m.remove()));

  it('uses the api-base attribute first, resolved against the page', () => {
    const meta = Object.assign(document.createElement('meta'), { name: API_BASE_META, content: 'https://meta.example/' });
    document.head.append(meta);
    expect(resolveApiBase('https://attr.example/api/')).to.equal('https://attr.example/api/');
    expect(resolveApiBase('/relative/')).to.equal(`${location.origin}/relative/`);
  });

  it('uses the page-wide meta setting when the attribute is absent', () => {
    const meta = Object.assign(document.createElement('meta'), { name: API_BASE_META, content: 'https://meta.example/' });
    document.head.append(meta);
    expect(resolveApiBase(null)).to.equal('https://meta.example/');
  });

  it('falls back to the origin the script came from', () => {
    // Under the test runner the script is served by the page's own origin.
    expect(resolveApiBase(null)).to.equal(`${location.origin}/`);
  });
});
