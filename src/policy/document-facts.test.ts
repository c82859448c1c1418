/** The documents' facts (document-facts.ts): names that must stay distinct, and where each document goes. */
import { describe, expect, test } from 'vitest';

import { type Answers, DEFAULT_ANSWERS } from './answers';
import { DOCUMENT_FACTS, type DocumentId } from './document-facts';
import { EXPORT_NAMES } from './export-facts';
import { PLACEHOLDERS_ONLY } from './test-support/answers';
import { companions, kmsDocuments } from './test-support/documents';

const IDS = Object.keys(DOCUMENT_FACTS) as DocumentId[];

describe('names a user’s account keeps', () => {
  test.each([
    ['file names', (id: DocumentId) => DOCUMENT_FACTS[id].fileStem],
    ['CloudFormation logical IDs', (id: DocumentId) => EXPORT_NAMES[id].logicalId],
    [
      'Terraform addresses',
      (id: DocumentId) => `${DOCUMENT_FACTS[id].kind}.${EXPORT_NAMES[id].terraformName}`,
    ],
  ])('%s are distinct', (_name, nameOf) => {
    expect(new Set(IDS.map(nameOf)).size).toBe(IDS.length);
  });

  test('only IAM policies have an IAM policy name, each its own', () => {
    const named = IDS.filter((id) => EXPORT_NAMES[id].iamPolicyName !== undefined);
    expect(named.map((id) => DOCUMENT_FACTS[id].kind).sort()).toEqual([
      'iam-policy',
      'iam-policy',
      'managed-policy',
    ]);
    expect(new Set(named.map((id) => EXPORT_NAMES[id].iamPolicyName)).size).toBe(named.length);
  });
});

const EVERYTHING: Answers = {
  ...DEFAULT_ANSWERS,
  operations: ['import', 'batch-inference'],
  bucketEncrypted: true,
  datasetGroupEncrypted: true,
  keys: 'separate',
  accountId: '111122223333',
  roleName: 'PersonalizeRole',
  bucketName: 'my-personalize-data',
  region: 'us-east-1',
};

describe('every built document says where it goes', () => {
  const cases: [string, Answers, Partial<Record<DocumentId, string>>][] = [
    [
      'with every answer',
      EVERYTHING,
      {
        'key-policy-bucket':
          'KMS console → Customer managed keys → your key → Key policy → Edit; AWS CLI: aws kms put-key-policy',
        'iam-policy':
          'IAM console → Roles → PersonalizeRole → Add permissions → Create inline policy → JSON; AWS CLI: aws iam put-role-policy',
        'bucket-policy':
          'S3 console → Buckets → my-personalize-data → Permissions → Bucket policy → Edit; AWS CLI: aws s3api put-bucket-policy',
        'trust-policy':
          'IAM console → Roles → PersonalizeRole → Trust relationships → Edit trust policy; AWS CLI: aws iam update-assume-role-policy',
        'passrole-policy':
          'IAM console → Policies → Create policy → JSON; AWS CLI: aws iam create-policy',
      },
    ],
    [
      'before the names are given',
      PLACEHOLDERS_ONLY,
      {
        's3-access-policy':
          'IAM console → Roles → your service role → Add permissions → Create inline policy → JSON; AWS CLI: aws iam put-role-policy',
        'bucket-policy':
          'S3 console → Buckets → your bucket → Permissions → Bucket policy → Edit; AWS CLI: aws s3api put-bucket-policy',
      },
    ],
  ];
  test.each(cases)('%s', (_name, answers, expected) => {
    const documents = [...kmsDocuments(answers), ...companions(answers)];
    for (const document of documents) {
      expect(document.destination).toContain(DOCUMENT_FACTS[document.id].cliCommand);
      expect(document.title).toBe(DOCUMENT_FACTS[document.id].title);
      expect(document.fileName).toBe(`${DOCUMENT_FACTS[document.id].fileStem}.json`);
    }
    for (const [id, destination] of Object.entries(expected)) {
      expect([id, documents.find((d) => d.id === id)?.destination]).toEqual([id, destination]);
    }
  });
});
