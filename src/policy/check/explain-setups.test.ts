/**
 * The findings and the error explanation together: for each broken setup of our own, the message
 * AWS gives for it ranks the setup's real cause first, confirmed by the finding checkSetup makes.
 */
import { describe, expect, test } from 'vitest';

import { explainError } from './errors';
import type { CauseId } from './error-causes';
import { checkSetup } from './findings';
import { BROKEN_SETUPS } from './test-support/broken-setups';

const S3_PRIVILEGES = 'Insufficient privileges for accessing data in S3';

const CASES: readonly [setup: string, message: string, cause: CauseId][] = [
  ['a bucket policy without Personalize', S3_PRIVILEGES, 'bucket-policy-lacks-service'],
  ['a VPC-only bucket', S3_PRIVILEGES, 'bucket-vpc-only'],
  ['a VPC-only bucket (collected facts)', S3_PRIVILEGES, 'bucket-vpc-only'],
  [
    'a key policy without Personalize (the default key policy)',
    S3_PRIVILEGES,
    'key-policy-lacks-grant',
  ],
  [
    'a disabled key (collected facts)',
    'An error occurred (DisabledException) when calling the Decrypt operation: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab is disabled.',
    'key-disabled',
  ],
  [
    'a trust policy that does not admit Personalize',
    'An error occurred (InvalidInputException) when calling the CreateDatasetImportJob operation: Role cannot be assumed by Amazon Personalize.',
    'trust-lacks-service',
  ],
];

describe('a broken setup’s own error message is explained by its real cause, confirmed by a finding', () => {
  test.each(CASES)('%s', (name, message, cause) => {
    const setup = BROKEN_SETUPS.find((candidate) => candidate.name === name);
    if (setup === undefined) throw new Error(`no broken setup named ${name}`);
    const report = checkSetup(setup.answers, {
      texts: setup.texts,
      ...(setup.facts ? { facts: setup.facts } : {}),
    });
    const [first] = explainError(message, setup.answers, report).causes;
    expect({ id: first?.id, likelihood: first?.likelihood }).toEqual({
      id: cause,
      likelihood: 'confirmed',
    });
  });
});
