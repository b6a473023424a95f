import { expect } from '@open-wc/testing';
import type { County } from '../../src/core/api/contract.js';
import { countyLabel, findCounty, groupCounties } from '../../src/county-bundle/county-options.js';

const county = (code: string, kind: County['kind'], name: string, nameZh = name): County => ({
  code,
  kind,
  name,
  nameZh,
  nameLang: name === nameZh ? 'zh-Hant-TW' : 'en',
});

const sample = [
  county('TW-TTT', 'county', 'Taitung County', '臺東縣'),
  county('TW-KEE', 'city', 'Keelung City', '基隆市'),
  county('TW-TPE', 'special-municipality', 'Taipei City', '臺北市'),
  county('TW-PEN', 'county', 'Penghu County', '澎湖縣'),
];

describe('county options', () => {
  it('groups special municipalities, cities, then counties, keeping order within a group', () => {
    const groups = groupCounties(sample);
    expect(groups.map((g) => g.kind)).to.deep.equal(['special-municipality', 'city', 'county']);
    expect(groups[2].counties.map((c) => c.code)).to.deep.equal(['TW-TTT', 'TW-PEN']);
  });

  it('leaves out kinds with no county', () => {
    expect(groupCounties([sample[0]]).map((g) => g.kind)).to.deep.equal(['county']);
    expect(groupCounties([])).to.deep.equal([]);
  });

  it('finds a county by code, forgiving case and a missing TW- prefix', () => {
    expect(findCounty(sample, 'TW-TTT')?.name).to.equal('Taitung County');
    expect(findCounty(sample, 'tw-ttt')?.name).to.equal('Taitung County');
    expect(findCounty(sample, ' ttt ')?.name).to.equal('Taitung County');
    expect(findCounty(sample, 'TW-XXX')).to.equal(undefined);
    expect(findCounty(sample, null)).to.equal(undefined);
  });

  it('adds the Chinese name when the name is in another language', () => {
    expect(countyLabel(sample[0])).to.equal('Taitung County (臺東縣)');
    expect(countyLabel(county('TW-TTT', 'county', '臺東縣'))).to.equal('臺東縣');
  });
});
