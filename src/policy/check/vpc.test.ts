import { describe, expect, test } from 'vitest';

import { limitsToVpc } from './vpc';

const BUCKET = ['arn:aws:s3:::my-personalize-data', 'arn:aws:s3:::my-personalize-data/*'];
const PERSONALIZE = { Service: 'personalize.amazonaws.com' };

/** The Personalize statement of the guide's bucket policy, with `changes`. */
const allow = (changes: Record<string, unknown> = {}) => ({
  Sid: 'PersonalizeS3BucketAccessPolicy',
  Effect: 'Allow',
  Principal: PERSONALIZE,
  Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
  Resource: BUCKET,
  ...changes,
});

/** S3's example: deny everyone everything unless the request comes through the endpoint. */
const deny = (changes: Record<string, unknown> = {}) => ({
  Sid: 'AccessToSpecificVPCEOnly',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: BUCKET,
  Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
  ...changes,
});

const policy = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

describe('limitsToVpc', () => {
  test.each<[string, unknown, boolean]>([
    ['the guide’s bucket policy', policy(allow()), false],
    ['S3’s example: Deny unless from a VPC endpoint', policy(allow(), deny()), true],
    [
      'Deny unless from a VPC',
      policy(
        allow(),
        deny({ Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-111bbb22' } } }),
      ),
      true,
    ],
    [
      'the key written in lower case (condition keys are not case-sensitive)',
      policy(
        allow(),
        deny({ Condition: { StringNotEquals: { 'aws:sourceVpc': 'vpc-111bbb22' } } }),
      ),
      true,
    ],
    [
      'StringNotLike with IfExists',
      policy(
        allow(),
        deny({ Condition: { StringNotLikeIfExists: { 'aws:SourceVpce': 'vpce-*' } } }),
      ),
      true,
    ],
    ['a single statement, not in an array', { Statement: deny() }, true],
    [
      'Deny to everyone as {"AWS": "*"}, of the object actions only',
      policy(allow(), deny({ Principal: { AWS: '*' }, Action: ['s3:GetObject'] })),
      true,
    ],
    [
      'Deny with NotAction that leaves the Personalize actions in',
      policy(allow(), deny({ Action: undefined, NotAction: ['s3:DeleteBucket'] })),
      true,
    ],
    [
      'Deny that exempts an admin role by aws:PrincipalArn (Personalize is not that role)',
      policy(
        allow(),
        deny({
          Condition: {
            StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' },
            ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Admin' },
          },
        }),
      ),
      true,
    ],
    [
      'Deny that exempts AWS services (it might exempt Personalize)',
      policy(
        allow(),
        deny({
          Condition: {
            StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' },
            Bool: { 'aws:PrincipalIsAWSService': 'false' },
          },
        }),
      ),
      false,
    ],
    [
      'Deny of other actions only',
      policy(allow(), deny({ Action: ['s3:DeleteObject', 's3:PutBucketPolicy'] })),
      false,
    ],
    [
      'Deny to one named user only',
      policy(allow(), deny({ Principal: { AWS: 'arn:aws:iam::111122223333:user/contractor' } })),
      false,
    ],
    [
      'Deny unless from a VPC, with NotPrincipal exempting Personalize',
      policy(allow(), deny({ Principal: undefined, NotPrincipal: PERSONALIZE })),
      false,
    ],
    [
      'Deny to requests FROM the endpoint (StringEquals): not a limit to it',
      policy(allow(), deny({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } })),
      false,
    ],
    [
      'Allow, and only from a VPC endpoint',
      policy(allow({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } })),
      true,
    ],
    [
      'Allow from a VPC endpoint, and another Allow without a condition',
      policy(
        allow({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }),
        allow({ Sid: 'Open' }),
      ),
      false,
    ],
    [
      'a VPC condition on an Allow to someone else only',
      policy(
        allow(),
        allow({
          Principal: { AWS: 'arn:aws:iam::111122223333:role/Analyst' },
          Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-111bbb22' } },
        }),
      ),
      false,
    ],
    ['no statement', policy(), false],
    ['not a policy', 'vpce-1a2b3c4d', false],
    ['null', null, false],
    ['a condition that is not an object', policy(deny({ Condition: 'aws:SourceVpce' })), false],
  ])('%s', (_name, document, expected) => {
    expect(limitsToVpc(document)).toBe(expected);
  });
});
