import { describe, expect, it } from 'vitest';

import { DEFAULT_ANSWERS, type Answers } from '../policy';
import { companionDocumentsFor, policiesFor } from './built';

const answers = (values: Partial<Answers>): Answers => ({
  ...DEFAULT_ANSWERS,
  operations: ['import'],
  bucketEncrypted: true,
  accountId: '111122223333',
  ...values,
});

function keyPolicy(built: ReturnType<typeof policiesFor>): string {
  const document = built.documents.find((candidate) => candidate.id === 'key-policy');
  if (!document?.needed) throw new Error('the key policy is not needed');
  return document.json;
}

describe('the documents built for a set of answers', () => {
  it('are built for those answers', () => {
    const built = policiesFor(answers({ roleName: 'Importer' }));
    expect(keyPolicy(built)).toContain('"arn:aws:iam::111122223333:role/Importer"');
    // The dataset group's key needs kms:GenerateDataKeyWithoutPlaintext for exports only.
    const importOnly = answers({ datasetGroupEncrypted: true });
    expect(keyPolicy(policiesFor(importOnly))).not.toContain('GenerateDataKeyWithoutPlaintext');
    expect(keyPolicy(policiesFor({ ...importOnly, operations: ['import', 'export'] }))).toContain(
      'kms:GenerateDataKeyWithoutPlaintext',
    );
  });

  it('are built once for the same answers object, so whoever shows them does not re-render', () => {
    const same = answers({ roleName: 'Good' });
    expect(policiesFor(same)).toBe(policiesFor(same));
    expect(companionDocumentsFor(same)).toBe(companionDocumentsFor(same));
    // Equal answers in a new object are built anew: the live answers keep the object while the
    // answers stay the same, and give a new one only when they change.
    expect(policiesFor({ ...same })).not.toBe(policiesFor(same));
    expect(keyPolicy(policiesFor({ ...same, roleName: 'Better' }))).toContain(':role/Better"');
  });
});
