/**
 * A key ARN must belong to the partition the answers choose, and its region
 * to the partition its ARN names: AWS partitions own their regions
 * (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html),
 * so arn:aws:kms:cn-north-1:… names no key anywhere. Such an ARN is stopped at
 * the field, in the form and in a share link, before any document is built.
 */
import { describe, expect, test } from 'vitest';

import { decodeShareLink } from '../link/share-link';
import {
  buildPoliciesFromInput,
  DEFAULT_ANSWERS,
  keyArnProblem,
  parseAnswers,
  parseKeyArn,
  type Answers,
  type Partition,
} from './index';
import { partitionOfRegion } from './partitions';

const UUID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const keyIn = (partition: string, region: string) =>
  `arn:${partition}:kms:${region}:111122223333:key/${UUID}`;

describe('partitionOfRegion: a region belongs to the partition its prefix names', () => {
  test.each([
    ['us-east-1', 'aws'],
    ['eu-west-1', 'aws'],
    ['ap-southeast-2', 'aws'],
    ['il-central-1', 'aws'],
    ['mx-central-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['eu-isoe-west-1', 'aws-iso-e'],
    ['us-isof-south-1', 'aws-iso-f'],
    ['eusc-de-east-1', 'aws-eusc'],
  ])('%s is in %s', (region, partition) => {
    expect(partitionOfRegion(region)?.partition).toBe(partition);
  });

  test.each(['', 'mars-north-1', 'useast1', 'us-east'])('%j belongs to no partition', (region) => {
    expect(partitionOfRegion(region)).toBeUndefined();
  });
});

interface Row {
  name: string;
  /** The partition the answers choose. */
  partition: Partition;
  arn: string;
  /** The message at the field, or undefined when the key is accepted. */
  message: RegExp | undefined;
}

const ROWS: Row[] = [
  {
    name: 'an aws key, aws chosen',
    partition: 'aws',
    arn: keyIn('aws', 'us-east-1'),
    message: undefined,
  },
  {
    name: 'an aws-cn key, aws-cn chosen',
    partition: 'aws-cn',
    arn: keyIn('aws-cn', 'cn-north-1'),
    message: undefined,
  },
  {
    name: 'an aws key outside the Personalize regions (a warning, not an error)',
    partition: 'aws',
    arn: keyIn('aws', 'us-west-1'),
    message: undefined,
  },
  {
    name: 'a China region under arn:aws, aws chosen',
    partition: 'aws',
    arn: keyIn('aws', 'cn-north-1'),
    message:
      /^cn-north-1 is a region of the aws-cn partition, so a key there has an ARN that starts arn:aws-cn:kms:, not arn:aws:kms:/,
  },
  {
    name: 'a China region under arn:aws, aws-cn chosen',
    partition: 'aws-cn',
    arn: keyIn('aws', 'cn-north-1'),
    message: /^cn-north-1 is a region of the aws-cn partition/,
  },
  {
    name: 'a commercial region under arn:aws-cn',
    partition: 'aws-cn',
    arn: keyIn('aws-cn', 'us-east-1'),
    message:
      /^us-east-1 is a region of the aws partition, so a key there has an ARN that starts arn:aws:kms:/,
  },
  {
    name: 'a GovCloud region under arn:aws',
    partition: 'aws',
    arn: keyIn('aws', 'us-gov-west-1'),
    message:
      /^us-gov-west-1 is a region of the aws-us-gov partition \(AWS GovCloud \(US\)\), where Amazon Personalize does not run\.$/,
  },
  {
    name: 'an ISO region under arn:aws',
    partition: 'aws',
    arn: keyIn('aws', 'us-iso-east-1'),
    message: /aws-iso partition .*does not run/,
  },
  {
    name: 'an ISOB region under arn:aws',
    partition: 'aws',
    arn: keyIn('aws', 'us-isob-east-1'),
    message: /aws-iso-b partition .*does not run/,
  },
  {
    name: 'an ISOE region under arn:aws',
    partition: 'aws',
    arn: keyIn('aws', 'eu-isoe-west-1'),
    message: /aws-iso-e partition .*does not run/,
  },
  {
    name: 'an ISOF region under arn:aws',
    partition: 'aws',
    arn: keyIn('aws', 'us-isof-south-1'),
    message: /aws-iso-f partition .*does not run/,
  },
  {
    name: 'a European Sovereign Cloud region under arn:aws',
    partition: 'aws',
    arn: keyIn('aws', 'eusc-de-east-1'),
    message: /aws-eusc partition .*does not run/,
  },
  {
    name: 'a GovCloud key, by its own partition',
    partition: 'aws',
    arn: keyIn('aws-us-gov', 'us-gov-west-1'),
    message: /^Amazon Personalize is not available in the aws-us-gov partition\.$/,
  },
  {
    name: 'an aws-cn key, aws chosen',
    partition: 'aws',
    arn: keyIn('aws-cn', 'cn-north-1'),
    message: /^This key is in the aws-cn partition, but the role is in aws\./,
  },
  {
    name: 'an aws key, aws-cn chosen',
    partition: 'aws-cn',
    arn: keyIn('aws', 'us-east-1'),
    message: /^This key is in the aws partition, but the role is in aws-cn\./,
  },
];

const FIELDS = ['keyArn', 'datasetGroupKeyArn'] as const;

function answersWithKey(row: Row, field: (typeof FIELDS)[number]): Answers {
  return {
    ...DEFAULT_ANSWERS,
    partition: row.partition,
    bucketEncrypted: true,
    datasetGroupEncrypted: true,
    keys: 'separate',
    operations: ['import'],
    [field]: row.arn,
  };
}

describe('a key ARN and the partitions', () => {
  const cases = ROWS.flatMap((row) => FIELDS.map((field) => ({ ...row, field })));

  test.each(cases)('$field: $name', (row) => {
    const parsed = parseAnswers(answersWithKey(row, row.field));
    if (row.message === undefined) {
      expect(parsed).toMatchObject({ ok: true });
      return;
    }
    // One message, at the field the form shows it at.
    expect(parsed.ok ? [] : parsed.findings).toEqual([
      { path: row.field, field: row.field, message: expect.stringMatching(row.message) as string },
    ]);
    // No documents (and so no runbook) are built from it.
    expect(buildPoliciesFromInput(answersWithKey(row, row.field)).ok).toBe(false);
  });

  test.each(ROWS.filter((row) => row.message?.source.includes('region of') === true))(
    'the ARN alone is not a key ARN: $name',
    (row) => {
      expect(parseKeyArn(row.arn)).toBeUndefined();
      expect(keyArnProblem(row.arn)).toMatch(row.message ?? /./);
    },
  );
});

describe('a share link with a key of another partition', () => {
  const PARAMS = { keyArn: 'key', datasetGroupKeyArn: 'dataset-group-key' } as const;
  const cases = ROWS.flatMap((row) =>
    FIELDS.map((field) => ({ ...row, field, param: PARAMS[field] })),
  );

  test.each(cases)('$param: $name', (row) => {
    const partition = row.partition === 'aws' ? '' : `&partition=${row.partition}`;
    const decoded = decodeShareLink(
      `?v=1&enc=bucket,dataset-group&keys=separate${partition}&${row.param}=${row.arn}`,
    );
    if (row.message === undefined) {
      expect(decoded.answers[row.field]).toBe(row.arn);
      expect(decoded.notices).toEqual([]);
      return;
    }
    // The key is left out, the partition kept, and the notice is on the key's parameter.
    expect(decoded.answers[row.field]).toBe('');
    expect(decoded.answers.partition).toBe(row.partition);
    expect(decoded.notices).toEqual([
      { param: row.param, message: expect.stringMatching(row.message) as string },
    ]);
  });
});
