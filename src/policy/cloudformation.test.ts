/**
 * The CloudFormation template (cloudformation.ts) parsed back with a strict
 * YAML parser, as YAML 1.1 and 1.2, and its YAML writer on its own.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml, parseDocument } from 'yaml';

import type { DocumentId, DocumentKind, NeededDocument } from './build';
import { buildCloudFormation, toYaml } from './cloudformation';
import { neededOf } from './test-support/documents';
import {
  everything,
  plain,
  REALISTIC,
  SCENARIOS,
  type Scenario,
  uncomment,
} from './test-support/export-scenarios';

function parseStrictYaml(text: string, version: '1.1' | '1.2' = '1.2'): unknown {
  const document = parseDocument(text, { version, uniqueKeys: true, prettyErrors: false });
  expect(document.errors).toEqual([]);
  expect(document.warnings).toEqual([]);
  return document.toJS();
}

interface CfnResource {
  Type: string;
  Properties: Record<string, unknown>;
}

function cfnResources(text: string): CfnResource[] {
  const template = parseStrictYaml(text) as { Resources: Record<string, CfnResource> | null };
  return Object.values(template.Resources ?? {});
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
    for (const resource of cfnResources(uncommented)) {
      if (resource.Type === 'AWS::IAM::RolePolicy') {
        expect(resource.Properties.RoleName).toBe(answers.roleName || '<personalize-role-name>');
      }
      if (resource.Type === 'AWS::S3::BucketPolicy') {
        expect(resource.Properties.Bucket).toBe(answers.bucketName || '<bucket-name>');
      }
    }
  });
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
