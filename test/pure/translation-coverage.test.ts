import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
// @ts-expect-error: a plain .mjs script without types
import { coverage, coverageTable } from '../../scripts/translation-coverage.mjs';

const xliff = (locale: string, units: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file target-language="${locale}" source-language="en" original="lit-localize-inputs" datatype="plaintext">
<header><note from="onestop">Targets marked state="needs-review-translation" were …</note></header>
<body>
${units}
</body>
</file>
</xliff>
`;

test('coverage counts targets, drafted targets and what is missing, per locale', () => {
  const dir = mkdtempSync(join(tmpdir(), 'onestop-xlf-'));
  try {
    writeFileSync(
      join(dir, 'vi.xlf'),
      xliff(
        'vi',
        `<trans-unit id="a">
  <source>Try again</source>
  <target state="needs-review-translation">Thử lại</target>
</trans-unit>
<trans-unit id="b">
  <source>Print</source>
  <target state="translated">In</target>
</trans-unit>
<trans-unit id="c">
  <source>Saved <x id="0" equiv-text="\${n}"/>.</source>
</trans-unit>
<trans-unit id="d">
  <source>Empty</source>
  <target state="needs-review-translation">  </target>
</trans-unit>`,
      ),
    );
    writeFileSync(join(dir, 'ja.xlf'), xliff('ja', `<trans-unit id="a">\n  <source>Try again</source>\n  <target>もう一度</target>\n</trans-unit>`));
    const rows = coverage(dir) as Array<{ locale: string; total: number; translated: number; needsReview: number; missing: Array<{ id: string }> }>;
    assert.deepEqual(
      rows.map((r) => [r.locale, r.translated, r.needsReview, r.total, r.missing.map((m) => m.id)]),
      [
        ['ja', 1, 0, 1, []],
        ['vi', 2, 1, 4, ['c', 'd']],
      ],
    );
    const table = coverageTable(rows) as string[];
    assert.match(table[2]!, /^vi\s+2 \(50%\)\s+1 \(25%\)\s+4$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
