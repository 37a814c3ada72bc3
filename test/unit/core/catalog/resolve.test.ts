import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ControlLibrary } from '../../../../core/catalog/library';
import { Catalog } from '../../../../core/catalog/model';
import { resolveControlText } from '../../../../core/catalog/resolve';
import type { ControlSearchIndex } from '../../../../core/catalog/search';
import { buildSearchIndex } from '../../../../core/catalog/search';
import { FRAMEWORKS_DIR } from '../../../../scripts/frameworks/build';

let index: ControlSearchIndex;

beforeAll(() => {
  const catalogs = ['nist-sp-800-53-rev5', 'owasp-asvs', 'iso-27001-2022'].map((id) =>
    Catalog.parse(JSON.parse(readFileSync(path.join(FRAMEWORKS_DIR, `${id}.json`), 'utf8'))),
  );
  index = buildSearchIndex(new ControlLibrary(catalogs));
});

const resolve = (text: string) => resolveControlText(text, index);

describe('one reading of every control field', () => {
  it('takes an id in the spellings people type as the control of that id', () => {
    expect(resolve('cm-8')).toEqual({ refs: ['nist-sp-800-53-rev5#cm-8'], unmatched: [] });
    expect(resolve('CM-8').refs).toEqual(['nist-sp-800-53-rev5#cm-8']);
    expect(resolve('AC-2(1)').refs).toEqual(['nist-sp-800-53-rev5#ac-2.1']);
    expect(resolve('AC-02').refs).toEqual(['nist-sp-800-53-rev5#ac-2']);
    expect(resolve('V5.1.1').refs).toEqual(['owasp-asvs#V5.1.1']);
  });

  it('never takes a longer id for a shorter one', () => {
    // ac-2 names ac-2, not ac-2.1 which the search also offers.
    expect(resolve('ac-2').refs).toEqual(['nist-sp-800-53-rev5#ac-2']);
  });

  it('reads several ids and full references separated by spaces, commas or semicolons', () => {
    expect(resolve(' cm-8, ra-5;nist-sp-800-53-rev5#si-4  cm-8 ')).toEqual({
      refs: ['nist-sp-800-53-rev5#si-4', 'nist-sp-800-53-rev5#cm-8', 'nist-sp-800-53-rev5#ra-5'],
      unmatched: [],
    });
  });

  it('keeps a full reference no loaded catalog has (it may be imported later)', () => {
    expect(resolve('acme-controls#INV-1')).toEqual({
      refs: ['acme-controls#INV-1'],
      unmatched: [],
    });
  });

  it('takes the best match of words only where the field shows the matches as one types', () => {
    expect(
      resolveControlText('account management', index, { bestMatchOfWords: true }).refs,
    ).toEqual(['nist-sp-800-53-rev5#ac-2']);
    // A plain field never picks a control nobody saw.
    expect(resolve('not a control')).toEqual({ refs: [], unmatched: ['not', 'a', 'control'] });
  });

  it('says which words name no control instead of dropping them', () => {
    expect(resolve('cm-8 zz-999')).toEqual({
      refs: ['nist-sp-800-53-rev5#cm-8'],
      unmatched: ['zz-999'],
    });
    expect(resolve('qqqqqq')).toEqual({ refs: [], unmatched: ['qqqqqq'] });
    expect(resolve('   ')).toEqual({ refs: [], unmatched: [] });
  });
});
