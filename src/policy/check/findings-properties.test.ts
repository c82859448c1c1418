/**
 * Over many generated answers, the wizard's own documents pasted back into the Check step must
 * make every operation work, grant nothing beyond what the operations need, and break no setup
 * rule but the one the answers themselves may break (a key in another region).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { KEY_LAYOUTS, parseAnswers, type Answers } from '../answers';
import { GUIDE_EDITIONS } from '../operations';
import { PARTITIONS } from '../partitions';
import { coveredOperations } from '../test-support/kms-rules';
import { checkSetup } from './findings';
import { EMPTY_TEXTS } from './fields';
import {
  accountIdArb,
  mrkKeyIdArb,
  REGIONS,
  roleNameArb,
  rolePathArb,
  uuidKeyIdArb,
} from '../test-support/arbitraries';
import { wizardTexts } from './test-support/broken-setups';
import type { CheckTexts } from './types';

const answersArb: fc.Arbitrary<Answers> = fc
  .record({
    guide: fc.constantFrom(...GUIDE_EDITIONS),
    partition: fc.constantFrom(...PARTITIONS),
    accountId: accountIdArb,
    keyAccount: fc.option(accountIdArb, { nil: undefined }),
    roleName: roleNameArb,
    rolePath: rolePathArb(40),
    bucketEncrypted: fc.boolean(),
    datasetGroupEncrypted: fc.boolean(),
    keys: fc.constantFrom(...KEY_LAYOUTS),
    keyIds: fc.tuple(uuidKeyIdArb, mrkKeyIdArb),
    bucketName: fc.constantFrom('my-personalize-data', 'data.example-1'),
    confusedDeputy: fc.boolean(),
    pick: fc.nat(),
  })
  .chain((base) =>
    fc
      .tuple(
        fc.shuffledSubarray(coveredOperations(base.guide), { minLength: 1 }),
        fc.constantFrom(...REGIONS[base.partition]),
        fc.constantFrom(...REGIONS[base.partition]),
      )
      .map(([operations, region, keyRegion]) => {
        const owner = base.keyAccount ?? base.accountId;
        const [uuid, mrk] = base.keyIds;
        const parsed = parseAnswers({
          guide: base.guide,
          operations,
          bucketEncrypted: base.bucketEncrypted,
          datasetGroupEncrypted: base.datasetGroupEncrypted,
          keys: base.keys,
          accountId: base.accountId,
          roleName: base.roleName,
          rolePath: base.rolePath,
          partition: base.partition,
          keyArn: `arn:${base.partition}:kms:${keyRegion}:${owner}:key/${uuid}`,
          datasetGroupKeyArn: `arn:${base.partition}:kms:${region}:${base.accountId}:key/${mrk}`,
          bucketName: base.bucketName,
          region,
          confusedDeputy: base.confusedDeputy,
        });
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.findings));
        return parsed.answers;
      }),
  );

describe('the wizard’s own documents, pasted back, over generated answers', () => {
  it('make every operation work, grant nothing extra, and break no setup rule but the key’s region', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const report = checkSetup(answers, { texts: wizardTexts(answers) });
        expect(report.problems).toEqual([]);
        const operations = report.findings.filter((finding) => finding.group === 'operation');
        expect(operations.length).toBeGreaterThan(0);
        for (const finding of operations) {
          expect(finding.status, JSON.stringify(finding, null, 2)).toBe('works');
        }
        const others = report.findings.filter(
          (finding) => finding.group !== 'operation' && !finding.id.startsWith('setup:key-region:'),
        );
        expect(others).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });
});

/** Text someone might paste: JSON of any shape, policy-like JSON, or anything at all. */
const pastedText = fc.oneof(
  fc.json(),
  fc.string(),
  fc
    .record({
      Version: fc.constantFrom('2012-10-17', '2008-10-17', 'x'),
      Statement: fc.array(
        fc.record(
          {
            Sid: fc.string(),
            Effect: fc.constantFrom('Allow', 'Deny', 'allow'),
            Principal: fc.oneof(
              fc.constant('*'),
              fc.record({ Service: fc.constantFrom('personalize.amazonaws.com', '*', 'x') }),
              fc.record({
                AWS: fc.constantFrom('*', '111122223333', 'arn:aws:iam::111122223333:root'),
              }),
            ),
            Action: fc.oneof(
              fc.constantFrom('*', 'kms:*', 's3:Get*', 'sts:AssumeRole', 'kms:Decrypt'),
              fc.array(fc.string()),
            ),
            NotAction: fc.constantFrom('iam:*'),
            Resource: fc.oneof(fc.constant('*'), fc.string()),
            Condition: fc.dictionary(fc.string(), fc.dictionary(fc.string(), fc.json())),
          },
          { requiredKeys: [] },
        ),
      ),
    })
    .map((document) => JSON.stringify(document)),
);

describe('pasted text is untrusted', () => {
  it('never throws, whatever is pasted where, and says why wherever it does not say “works”', () => {
    fc.assert(
      fc.property(
        answersArb,
        fc.record({
          'key-policy': pastedText,
          'key-policy-bucket': pastedText,
          'key-policy-dataset-group': pastedText,
          rolePolicies: pastedText,
          bucketPolicy: pastedText,
          trustPolicy: pastedText,
        }),
        (answers, texts) => {
          const all: CheckTexts = { ...EMPTY_TEXTS, ...texts };
          const report = checkSetup(answers, { texts: all });
          // Every finding that is not "works" says why.
          for (const finding of report.findings) {
            if (finding.status === 'works') continue;
            expect(finding.details.length + (finding.failures?.length ?? 0)).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
