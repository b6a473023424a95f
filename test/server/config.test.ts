import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { readConfig } from '../../server/config.js';

describe('readConfig', () => {
  test('defaults work on a fresh clone', () => {
    assert.deepEqual(readConfig({}), {
      port: 8787,
      host: '127.0.0.1',
      databasePath: resolve('var/onestop.sqlite'),
      dataDir: resolve('data'),
    });
  });

  test('the environment overrides each setting', () => {
    assert.deepEqual(
      readConfig({ PORT: '9000', HOST: '0.0.0.0', ONESTOP_DB: 'tmp/x.sqlite', ONESTOP_DATA: '/srv/onestop/data' }),
      { port: 9000, host: '0.0.0.0', databasePath: resolve('tmp/x.sqlite'), dataDir: '/srv/onestop/data' },
    );
  });

  test('ONESTOP_DB=:memory: is kept as is, not resolved to a path', () => {
    assert.equal(readConfig({ ONESTOP_DB: ':memory:' }).databasePath, ':memory:');
  });

  test('PORT=0 (any free port) and 65535 are accepted', () => {
    assert.equal(readConfig({ PORT: '0' }).port, 0);
    assert.equal(readConfig({ PORT: '65535' }).port, 65535);
  });

  // Only plain decimal digits: an empty PORT= must not silently mean "any free port".
  for (const port of ['abc', '-1', '65536', '80.5', '8787x', 'NaN', '', ' ', '0x1F90', '1e3', '+80']) {
    test(`PORT=${JSON.stringify(port)} throws`, () => {
      assert.throws(
        () => readConfig({ PORT: port }),
        (error: Error) => error.message === `PORT must be a port number, not ${port}`,
      );
    });
  }

  test('reads process.env when no environment is given', (t) => {
    const saved = process.env.PORT;
    t.after(() => {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    });
    process.env.PORT = '12345';
    assert.equal(readConfig().port, 12345);
  });
});
