import { describe, expect, test } from 'vitest';

import { mayName } from './pasted';

const plain = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

describe('a policy about other services is skipped, and only then', () => {
  test.each<[string, unknown, boolean]>([
    [
      'an action of the service',
      plain({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }),
      true,
    ],
    [
      'the prefix in another letter case',
      plain({ Effect: 'Deny', Action: 'KMS:*', Resource: '*' }),
      true,
    ],
    ['every action', plain({ Effect: 'Allow', Action: '*', Resource: '*' }), true],
    ['NotAction', plain({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), true],
    [
      'an Action that is not a string list',
      plain({ Effect: 'Allow', Action: 7, Resource: '*' }),
      true,
    ],
    [
      'no Action (a typo such as "Actions")',
      plain({ Effect: 'Allow', Actions: 'kms:*', Resource: '*' }),
      true,
    ],
    ['an element AWS does not define', { ...plain(), Extra: 1 }, true],
    ['a Version AWS does not know', { Version: '2020-01-01', Statement: [] }, true],
    ['no Statement', { Version: '2012-10-17' }, true],
    ['not an object', [], true],
    [
      'only other services',
      plain({ Effect: 'Allow', Action: ['logs:*', 's3:GetObject'], Resource: '*' }),
      false,
    ],
    [
      'a single statement object about another service',
      { Statement: { Effect: 'Deny', Action: 'ec2:*', Resource: '*' } },
      false,
    ],
  ])('%s', (_name, document, expected) => {
    expect(mayName({ name: 'p', document }, 'kms')).toBe(expected);
  });
});
