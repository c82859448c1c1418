import { describe, expect, test } from 'vitest';

import type { Answers } from '../answers';
import { answersWith } from '../test-support/answers';
import { CHECK_LABELS, checkFields } from './fields';

const BUCKET_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const GROUP_KEY = 'arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321';

describe('the Check step asks for one current key policy per key the answers encrypt with', () => {
  test.each<[string, Partial<Answers>, string[]]>([
    ['nothing encrypted', {}, []],
    [
      'the bucket',
      { operations: ['import'], bucketEncrypted: true, keyArn: BUCKET_KEY },
      ['Current key policy'],
    ],
    ['the dataset group', { datasetGroupEncrypted: true }, ['Current key policy']],
    [
      'both, with one key',
      { bucketEncrypted: true, datasetGroupEncrypted: true, keyArn: BUCKET_KEY },
      ['Current key policy'],
    ],
    [
      'both, with separate keys',
      {
        operations: ['import'],
        bucketEncrypted: true,
        datasetGroupEncrypted: true,
        keys: 'separate',
        keyArn: BUCKET_KEY,
        datasetGroupKeyArn: GROUP_KEY,
      },
      ['Current key policy (bucket key)', 'Current key policy (dataset group key)'],
    ],
  ])('%s', (_name, overrides, keyLabels) => {
    expect(checkFields(answersWith(overrides)).map((field) => CHECK_LABELS[field])).toEqual([
      'Error message',
      ...keyLabels,
      'Service role’s policies',
      'Bucket policy',
      'Trust policy',
    ]);
  });
});
