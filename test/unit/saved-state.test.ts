import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { SavedState } from '../../src/core/saved-state.js';

const Progress = z.object({ done: z.array(z.string()) });
const KEY = 'onestop:test:progress';

describe('SavedState', () => {
  afterEach(() => localStorage.clear());

  it('keeps what was saved across instances (a reload)', () => {
    new SavedState(KEY, 1, Progress).save({ done: ['D07'] });
    const loaded = new SavedState(KEY, 1, Progress).load();
    expect(loaded.status).to.equal('ok');
    expect(loaded.status === 'ok' && loaded.value).to.deep.equal({ done: ['D07'] });
  });

  it('is empty at first', () => {
    expect(new SavedState(KEY, 1, Progress).load()).to.deep.equal({ status: 'empty' });
  });

  it('sets a corrupt copy aside instead of losing or trusting it', () => {
    localStorage.setItem(KEY, '{"v":1,"data":{"done":"not a list"}}');
    expect(new SavedState(KEY, 1, Progress).load()).to.deep.equal({ status: 'corrupt' });
    expect(localStorage.getItem(`${KEY}:corrupt`)).to.contain('not a list');
    expect(localStorage.getItem(KEY)).to.equal(null);
    localStorage.setItem(KEY, 'not json at all');
    expect(new SavedState(KEY, 1, Progress).load()).to.deep.equal({ status: 'corrupt' });
  });

  it('never overwrites a copy written by a newer version', () => {
    localStorage.setItem(KEY, '{"v":2,"savedAt":1,"data":{"done":[],"extra":true}}');
    const state = new SavedState(KEY, 1, Progress);
    expect(state.load()).to.deep.equal({ status: 'newer', version: 2 });
    expect(state.save({ done: ['D01'] })).to.equal(false);
    expect(localStorage.getItem(KEY)).to.contain('"v":2');
  });

  it('forgets everything when asked, including a set-aside copy', () => {
    const state = new SavedState(KEY, 1, Progress);
    state.save({ done: ['D01'] });
    localStorage.setItem(`${KEY}:corrupt`, 'x');
    state.clear();
    expect(localStorage.getItem(KEY)).to.equal(null);
    expect(localStorage.getItem(`${KEY}:corrupt`)).to.equal(null);
  });

  it('works without storage (blocked), saying it could not save', () => {
    const state = new SavedState(KEY, 1, Progress, null);
    expect(state.available).to.equal(false);
    expect(state.load()).to.deep.equal({ status: 'unavailable' });
    expect(state.save({ done: [] })).to.equal(false);
  });
});
