/**
 * The CloudFormation template (cloudformation.ts) parsed back with a strict
 * YAML parser, as YAML 1.1 and 1.2, and its YAML writer on its own.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml, parseDocument, type ScalarTag } from 'yaml';

import type { DocumentId, DocumentKind, NeededDocument } from './build';
import { buildCloudFormation, toYaml } from './cloudformation';
import { kmsDocuments, neededOf } from './test-support/documents';
import {
  ACCOUNT,
  CROSS_ACCOUNT,
  everything,
  ONE_KEY,
  OTHER_ACCOUNT,
  plain,
  REALISTIC,
  SCENARIOS,
  type Scenario,
  uncomment,
} from './test-support/export-scenarios';

/**
 * CloudFormation's short-form tags, read as the long form CloudFormation
 * turns them into, so that a template that uses them parses strictly.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
const CFN_TAGS: ScalarTag[] = [
  {
    tag: '!GetAtt',
    identify: () => false,
    resolve: (value: string) => ({ 'Fn::GetAtt': value.split('.') }),
  },
  { tag: '!Ref', identify: () => false, resolve: (value: string) => ({ Ref: value }) },
  { tag: '!Sub', identify: () => false, resolve: (value: string) => ({ 'Fn::Sub': value }) },
];

function parseStrictYaml(text: string, version: '1.1' | '1.2' = '1.2'): unknown {
  const document = parseDocument(text, {
    version,
    uniqueKeys: true,
    prettyErrors: false,
    customTags: CFN_TAGS,
  });
  expect(document.errors).toEqual([]);
  expect(document.warnings).toEqual([]);
  return document.toJS();
}

interface CfnResource {
  Type: string;
  DependsOn?: string;
  Properties: Record<string, unknown>;
}

/**
 * The template's resources, each `Fn::GetAtt` of a role's Arn replaced by
 * the ARN CloudFormation gives the role it creates (its path and name).
 */
function resourcesOf(text: string, partition = 'aws', account = ACCOUNT): CfnResource[] {
  const template = parseStrictYaml(text) as { Resources: Record<string, CfnResource> | null };
  const resources = template.Resources ?? {};
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (typeof value !== 'object' || value === null) return value;
    const getAtt = (value as { 'Fn::GetAtt'?: unknown })['Fn::GetAtt'];
    if (Array.isArray(getAtt)) {
      const [logicalId, attribute] = getAtt as [string, string];
      const role = resources[logicalId];
      expect([role?.Type, attribute]).toEqual(['AWS::IAM::Role', 'Arn']);
      const { Path, RoleName } = role?.Properties as { Path: string; RoleName: string };
      return `arn:${partition}:iam::${account}:role${Path}${RoleName}`;
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolve(inner)]));
  };
  return Object.values(resources).map((resource) => resolve(resource) as CfnResource);
}

const CFN_RESOURCE: Readonly<Record<DocumentId, { type: string; property: string }>> = {
  'key-policy': { type: 'AWS::KMS::Key', property: 'KeyPolicy' },
  'key-policy-bucket': { type: 'AWS::KMS::Key', property: 'KeyPolicy' },
  'key-policy-dataset-group': { type: 'AWS::KMS::Key', property: 'KeyPolicy' },
  'iam-policy': { type: 'AWS::IAM::RolePolicy', property: 'PolicyDocument' },
  's3-access-policy': { type: 'AWS::IAM::RolePolicy', property: 'PolicyDocument' },
  'bucket-policy': { type: 'AWS::S3::BucketPolicy', property: 'PolicyDocument' },
  'trust-policy': { type: 'AWS::IAM::Role', property: 'AssumeRolePolicyDocument' },
  'passrole-policy': { type: 'AWS::IAM::ManagedPolicy', property: 'PolicyDocument' },
};

/** Key and trust policies are commented examples in CloudFormation: a stack sets them only on what it creates. */
function isCfnExample(document: NeededDocument): boolean {
  return document.kind === 'key-policy' || document.kind === 'trust-policy';
}

describe.each(SCENARIOS)('CloudFormation: %s', (_name, { answers, documents }) => {
  const template = buildCloudFormation(answers, documents);
  const cfnResources = (text: string) => resourcesOf(text, answers.partition, answers.accountId);
  // The key and trust examples, uncommented as an editor would.
  const uncommented = uncomment(template, /^ {2}# [A-Za-z0-9]+:$/);

  test('is valid YAML, read the same by YAML 1.1 and 1.2 parsers', () => {
    expect(parseStrictYaml(template, '1.1')).toEqual(parseStrictYaml(template, '1.2'));
    expect(parseStrictYaml(uncommented, '1.1')).toEqual(parseStrictYaml(uncommented, '1.2'));
  });

  test('has the right resource for each document, with the document’s policy', () => {
    const live = cfnResources(template);
    const all = cfnResources(uncommented);
    for (const document of documents) {
      const { type, property } = CFN_RESOURCE[document.id];
      const policies = (resources: CfnResource[]) =>
        resources.filter((r) => r.Type === type).map((r) => r.Properties[property]);
      expect(policies(all)).toContainEqual(plain(document.policy));
      if (isCfnExample(document)) {
        expect(policies(live)).not.toContainEqual(plain(document.policy));
      } else {
        expect(policies(live)).toContainEqual(plain(document.policy));
      }
    }
    expect(live.length).toBe(documents.filter((d) => !isCfnExample(d)).length);
    expect(all.length).toBe(documents.length);
  });

  test('puts the role policies on the role by name, without its path', () => {
    const resources = cfnResources(uncommented);
    const ofType = (type: string) => resources.filter((resource) => resource.Type === type);
    const expected = (type: string) =>
      documents.filter((document) => CFN_RESOURCE[document.id].type === type).length;
    const rolePolicies = ofType('AWS::IAM::RolePolicy');
    const bucketPolicies = ofType('AWS::S3::BucketPolicy');
    expect(rolePolicies.length).toBe(expected('AWS::IAM::RolePolicy'));
    expect(bucketPolicies.length).toBe(expected('AWS::S3::BucketPolicy'));
    for (const resource of rolePolicies) {
      expect(resource.Properties.RoleName).toBe(answers.roleName || '<personalize-role-name>');
    }
    for (const resource of bucketPolicies) {
      expect(resource.Properties.Bucket).toBe(answers.bucketName || '<bucket-name>');
    }
  });
});

test('a key policy that names the role the template creates refers to it, so the role comes first', () => {
  const documents = everything(REALISTIC);
  const template = buildCloudFormation(REALISTIC, documents);
  const keys = resourcesOf(uncomment(template, /^ {2}# [A-Za-z0-9]+:$/)).filter(
    (resource) => resource.Type === 'AWS::KMS::Key',
  );
  expect(keys.map((key) => key.DependsOn)).toEqual([
    'PersonalizeServiceRole',
    'PersonalizeServiceRole',
  ]);
  expect(template).toContain('  #             AWS: !GetAtt PersonalizeServiceRole.Arn\n');
  expect(template.replace(/\n {2}# /g, ' ')).toContain(
    'For an existing role, put its ARN, arn:aws:iam::111122223333:role/service-role/PersonalizeRole, in place of the !GetAtt and remove DependsOn.',
  );
  // Without the role in the template, the key names the role by its ARN.
  const keysOnly = buildCloudFormation(
    REALISTIC,
    documents.filter((d) => d.kind === 'key-policy'),
  );
  expect(keysOnly).not.toContain('!GetAtt');
  expect(keysOnly).not.toContain('DependsOn');
});

test('a key in another account: the note and the root statement name the same account, and no reference to a role it cannot see', () => {
  const template = buildCloudFormation(CROSS_ACCOUNT, everything(CROSS_ACCOUNT));
  const prose = template.replace(/\n {2}# /g, ' ');
  expect(prose).toContain(
    `This key is in account ${OTHER_ACCOUNT}, so such a stack belongs to that account.`,
  );
  const [key] = resourcesOf(uncomment(template, /^ {2}# [A-Za-z0-9]+:$/)).filter(
    (resource) => resource.Type === 'AWS::KMS::Key',
  );
  const statements = (key?.Properties.KeyPolicy as { Statement: { Principal: { AWS: unknown } }[] })
    .Statement;
  expect(statements[0]?.Principal.AWS).toBe(`arn:aws:iam::${OTHER_ACCOUNT}:root`);
  expect(template).not.toContain('!GetAtt');
});

test('a reviewed merge is the key policy the template shows', () => {
  const documents = everything(CROSS_ACCOUNT);
  const keyPolicy = neededOf(documents, 'key-policy');
  const merged = {
    ...keyPolicy.policy,
    Statement: [
      ...keyPolicy.policy.Statement,
      {
        Sid: 'AllowAuditors',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:role/Auditor` },
        Action: 'kms:DescribeKey',
        Resource: '*',
      },
    ],
  };
  const template = buildCloudFormation(CROSS_ACCOUNT, documents, {
    mergedKeyPolicies: { 'key-policy': `${JSON.stringify(merged, null, 2)}\n` },
  });
  const [key] = resourcesOf(uncomment(template, /^ {2}# [A-Za-z0-9]+:$/)).filter(
    (resource) => resource.Type === 'AWS::KMS::Key',
  );
  expect(key?.Properties.KeyPolicy).toEqual(plain(merged));
  expect(template.replace(/\n {2}# /g, ' ')).toContain('merged in, as reviewed in the wizard');
});

const hasKeyPolicy = ([, { documents }]: [string, Scenario]) =>
  documents.some((d) => d.kind === 'key-policy');

test.each(SCENARIOS.filter(hasKeyPolicy))(
  'CloudFormation: %s: explains that it sets a key policy only on a key the stack creates',
  (_name, { answers, documents }) => {
    const template = buildCloudFormation(answers, documents);
    expect(template.replace(/\n {2}# /g, ' ')).toContain('only of a key the stack creates');
    expect(template).toContain('DeletionPolicy: Retain');
  },
);

test.each(SCENARIOS.filter((row) => !hasKeyPolicy(row)))(
  'CloudFormation: %s: without a key policy, has no key example',
  (_name, { answers, documents }) => {
    const template = buildCloudFormation(answers, documents);
    expect(template).not.toContain('only of a key the stack creates');
    expect(template).not.toContain('AWS::KMS::Key');
  },
);

test('a document of a kind the template has no case for is an error, not a heading alone', () => {
  const document = {
    ...neededOf(everything(REALISTIC), 's3-access-policy'),
    kind: 'unknown-policy' as DocumentKind,
  };
  const noCase = 'No case for the document kind "unknown-policy".';
  expect(() => buildCloudFormation(REALISTIC, [document])).toThrow(noCase);
});

// ---------------------------------------------------------------------------
// The YAML emitter on its own

test.each(['1e400', '12345678901234567890', '1.0'])(
  'a merged key policy’s number %s is written as the policy has it, and the template is still written',
  (number) => {
    const documents = everything(ONE_KEY);
    const keyPolicy = neededOf(documents, 'key-policy');
    // A condition with a number, as a pasted policy may hold, in the merge's text.
    const merged = keyPolicy.json.replace(
      '"Resource": "*"\n',
      `"Resource": "*",\n      "Condition": { "NumericLessThan": { "kms:RecipientAttestation:Version": ${number} } }\n`,
    );
    expect(merged).toContain(number);
    const template = buildCloudFormation(ONE_KEY, documents, {
      mergedKeyPolicies: { 'key-policy': merged },
    });
    const written = /^ {2}# +kms:RecipientAttestation:Version: (.*)$/m.exec(template);
    expect(written?.[1]).toBe(number);
    // Uncommented, it is still a template with the key in it.
    const keys = resourcesOf(uncomment(template, /^ {2}# [A-Za-z0-9]+:$/)).filter(
      (resource) => resource.Type === 'AWS::KMS::Key',
    );
    expect(keys).toHaveLength(1);
  },
);

const TRICKY_STRINGS = [
  '*',
  'kms:*',
  ':',
  'a: b',
  'a:',
  '<key-arn>',
  '<<',
  '@x',
  '`x',
  '!tag',
  '&anchor',
  '%x',
  '|',
  '>',
  '- x',
  '-',
  '? x',
  '#x',
  'a #b',
  '{a}',
  '[a]',
  'a,b',
  '"q"',
  "'q'",
  '',
  ' lead',
  'trail ',
  '2012-10-17',
  '123',
  '0123',
  '0x1F',
  '0o17',
  '1e3',
  '1_000',
  '1:20',
  '.inf',
  '.NaN',
  '-.5',
  'true',
  'True',
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'N',
  'null',
  'Null',
  '~',
  'line\nbreak',
  'tab\there',
  'cr\r',
  '\u0085',
  '\u2028',
  '\u007f',
  '\ufeff',
  '\uffff',
  'é’ü',
  '${aws:username}',
  '=',
  'arn:aws:s3:::bucket/*',
  'arn:aws:iam::111122223333:role/service-role/PersonalizeRole',
  'Allow Amazon Personalize to use the key',
];

describe('toYaml', () => {
  test.each(TRICKY_STRINGS)('keeps the string %j a string, as a value and as a key', (value) => {
    const data = { [value === '' ? 'empty' : value]: value, list: [value, [value]] };
    const yaml = toYaml(data, 0);
    expect(parseStrictYaml(yaml, '1.2')).toEqual(data);
    expect(parseStrictYaml(yaml, '1.1')).toEqual(data);
  });

  test('writes nested lists, empty collections and scalars', () => {
    const data = { a: [[1, 2], [], {}, { b: [true, null, 'x'] }], c: {}, d: [{ e: [{ f: 'g' }] }] };
    expect(parseYaml(toYaml(data))).toEqual(data);
    expect(toYaml({ Action: ['kms:Decrypt'], Resource: '*' })).toBe(
      'Action:\n  - kms:Decrypt\nResource: "*"\n',
    );
  });

  test('round-trips any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        expect(JSON.stringify(parseYaml(toYaml(value)))).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });
});

test('the placeholders listed at the top are the answers not given, never a valid value', () => {
  const path = { ...REALISTIC, rolePath: '/<account-id>/' };
  expect(buildCloudFormation(path, everything(path))).not.toContain('PLACEHOLDERS');
  const partial = { ...REALISTIC, bucketName: '', keyArn: '' };
  const top = buildCloudFormation(partial, everything(partial)).split(
    'AWSTemplateFormatVersion',
  )[0];
  expect(top).toContain(
    '# - <bucket-name>: the name of the S3 bucket Personalize reads and writes',
  );
  expect(top).not.toContain('<key-arn>');
});

test('with the confused-deputy conditions and no region, the key policy’s <region> is listed at the top', () => {
  const answers = { ...REALISTIC, confusedDeputy: true, region: '' };
  expect(buildCloudFormation(answers, kmsDocuments(answers))).toContain(
    '# - <region>: the region of your Personalize resources, such as us-east-1',
  );
  expect(buildCloudFormation(REALISTIC, kmsDocuments(REALISTIC))).not.toContain('<region>');
});
