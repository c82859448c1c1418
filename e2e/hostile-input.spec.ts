import type { Page } from '@playwright/test';

import { expect, test, type WizardPage } from './fixtures';

const VALID =
  'v=1&ops=import&enc=bucket,dataset-group&keys=separate&account=111122223333&role=PersonalizeRole&step=review';

interface HostileLink {
  name: string;
  /** Added to a valid link, so the rest of the link must still apply. */
  query: string;
  /** The parameter the notice must name. */
  param: string;
  /** Text that must appear in no document. */
  mustNotAppear: string;
}

const LONG = 'A'.repeat(5000);

const HOSTILE_LINKS: HostileLink[] = [
  { name: 'short account', query: 'account=12345', param: 'account', mustNotAppear: '12345"' },
  {
    name: 'quote in account',
    query: "account=1111'22223333",
    param: 'account',
    mustNotAppear: "1111'2222",
  },
  {
    name: 'letters in account',
    query: 'account=abc123456789',
    param: 'account',
    mustNotAppear: 'abc123',
  },
  {
    name: 'script tag as role',
    query: 'role=<script>alert(1)</script>',
    param: 'role',
    mustNotAppear: 'alert(1)',
  },
  {
    name: 'JSON injection in role',
    query: `role=${encodeURIComponent('x"},"Effect":"Allow","Principal":"*')}`,
    param: 'role',
    mustNotAppear: '"Principal": "*"',
  },
  {
    name: 'encoded markup as role',
    query: 'role=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
    param: 'role',
    mustNotAppear: 'onerror',
  },
  { name: 'NUL in role', query: 'role=Admin%00Role', param: 'role', mustNotAppear: 'Admin\u0000' },
  {
    name: 'path without slashes',
    query: 'path=service-role',
    param: 'path',
    mustNotAppear: 'roleservice-role',
  },
  { name: 'newline in path', query: 'path=/a%0Ab/', param: 'path', mustNotAppear: '/a\nb/' },
  { name: 'unknown operation', query: 'ops=import,hack', param: 'ops', mustNotAppear: 'hack' },
  {
    name: 'JSON as operations',
    query: 'ops=%7B%22a%22%3A1%7D',
    param: 'ops',
    mustNotAppear: '"a": 1',
  },
  { name: 'boolean as encryption', query: 'enc=true', param: 'enc', mustNotAppear: 'true' },
  { name: 'unknown key layout', query: 'keys=maybe', param: 'keys', mustNotAppear: 'maybe' },
  {
    name: 'GovCloud partition',
    query: 'partition=aws-us-gov',
    param: 'partition',
    mustNotAppear: 'aws-us-gov',
  },
  {
    name: 'alias instead of key',
    query: 'key=alias/foo',
    param: 'key',
    mustNotAppear: 'alias/foo',
  },
  {
    name: 'alias ARN instead of key',
    query: 'key=arn:aws:kms:us-east-1:111122223333:alias/foo',
    param: 'key',
    mustNotAppear: 'alias/foo',
  },
  {
    name: 'S3 ARN as key',
    query: 'key=arn:aws:s3:::my-bucket',
    param: 'key',
    mustNotAppear: 'my-bucket',
  },
  {
    name: 'key from another partition',
    query: 'key=arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    param: 'key',
    mustNotAppear: 'aws-cn:kms',
  },
  {
    name: 'not an ARN as dataset group key',
    query: 'dataset-group-key=not-an-arn',
    param: 'dataset-group-key',
    mustNotAppear: 'not-an-arn',
  },
  {
    name: 'malformed percent-encoding',
    query: 'account=%E0%A4%A',
    param: 'account',
    mustNotAppear: '%E0',
  },
  { name: 'invalid escape', query: 'role=%zz', param: 'role', mustNotAppear: '%zz' },
  {
    name: 'repeated account',
    query: 'account=999999999999&account=888888888888',
    param: 'account',
    mustNotAppear: '888888888888',
  },
  { name: 'very long role', query: `role=${LONG}`, param: 'role', mustNotAppear: 'AAAAAAAAAA' },
  { name: 'unknown step', query: 'step=admin', param: 'step', mustNotAppear: 'admin' },
  { name: 'another format version', query: 'v=2', param: 'v', mustNotAppear: 'v=2' },
];

async function allDocumentText(page: Page): Promise<string> {
  const texts = await page.locator('section pre').allTextContents();
  return texts.join('\n');
}

function watchForTrouble(page: Page): { errors: string[]; dialogs: string[] } {
  const trouble = { errors: [] as string[], dialogs: [] as string[] };
  page.on('pageerror', (error) => trouble.errors.push(error.message));
  page.on('dialog', (dialog) => {
    trouble.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return trouble;
}

test.describe('tampered share links', () => {
  for (const link of HOSTILE_LINKS) {
    test(`${link.name}: a notice names "${link.param}" and the value reaches no document`, async ({
      wizard,
      page,
    }) => {
      const trouble = watchForTrouble(page);
      // The hostile parameter comes first, so for repeated ones it is the one used.
      const query = link.query.startsWith('account=999')
        ? `${link.query}&${VALID}`
        : `${VALID}&${link.query}`;
      await wizard.open(`?${query}`);
      const notice = wizard.linkNotice();
      await expect(notice).toBeVisible();
      await expect(notice.locator('code', { hasText: new RegExp(`^${link.param}$`) })).toHaveCount(
        1,
      );
      // The rest of the link still applies.
      await expect(
        page.getByRole('region', { name: 'Service role IAM policy', exact: true }),
      ).toBeVisible();
      const documents = await allDocumentText(page);
      expect(documents).not.toContain(link.mustNotAppear);
      expect(await page.locator('script:not([src])').count()).toBe(0);
      expect(await page.locator('img').count()).toBe(0);
      expect(trouble.errors).toEqual([]);
      expect(trouble.dialogs).toEqual([]);
    });
  }
});

async function openRoleStep(wizard: WizardPage): Promise<void> {
  await wizard.open('?v=1&ops=import&enc=bucket&step=role');
  await expect(wizard.stepHeading()).toHaveText('Service role');
}

test.describe('typed and pasted input', () => {
  test('a pasted role ARN with a path fills account, path and name', async ({ wizard, page }) => {
    await openRoleStep(wizard);
    await wizard
      .field('Role ARN (optional)')
      .fill('arn:aws:iam::111122223333:role/service-role/PersonalizeRole');
    await expect(wizard.field('AWS account ID')).toHaveValue('111122223333');
    await expect(wizard.field('Role path')).toHaveValue('/service-role/');
    await expect(wizard.field('Service role name')).toHaveValue('PersonalizeRole');
    await expect(page.getByText('Filled in the account ID')).toBeVisible();
    expect(await wizard.documentText('KMS key policy')).toContain(
      '"arn:aws:iam::111122223333:role/service-role/PersonalizeRole"',
    );
  });

  for (const [name, arn, message] of [
    ['with spaces', 'arn:aws:iam::111122223333:role/My Role', /no spaces/],
    ['of a user, not a role', 'arn:aws:iam::111122223333:user/alice', /not an IAM role/],
    ['from GovCloud', 'arn:aws-us-gov:iam::111122223333:role/R', /not available/],
    ['that is not an ARN', '"><svg/onload=alert(1)>', /looks like arn:aws:iam/],
  ] as const) {
    test(`a pasted role ARN ${name} is explained and fills nothing`, async ({ wizard, page }) => {
      const trouble = watchForTrouble(page);
      await openRoleStep(wizard);
      await wizard.field('Role ARN (optional)').fill(arn);
      await expect(page.locator('#role-arn-help')).toHaveText(message);
      await expect(wizard.field('Role ARN (optional)')).toHaveAttribute('aria-invalid', 'true');
      await expect(wizard.field('AWS account ID')).toHaveValue('');
      expect(await page.locator('svg[onload]').count()).toBe(0);
      expect(trouble.errors).toEqual([]);
      expect(trouble.dialogs).toEqual([]);
    });
  }

  for (const [label, value, message] of [
    ['AWS account ID', '1111 2222 3333', /no spaces/],
    ['AWS account ID', '11112222333', /exactly 12 digits/],
    ['Service role name', 'Role"}', /letters, digits/],
    ['Service role name', '<script>alert(1)</script>', /path|letters, digits/],
    ['Role path', 'service-role', /starts and ends with a slash/],
  ] as const) {
    test(`typing "${value}" as ${label} shows why at the field and never reaches a document`, async ({
      wizard,
      page,
    }) => {
      const trouble = watchForTrouble(page);
      await openRoleStep(wizard);
      const field = wizard.field(label);
      await field.fill(value);
      await field.blur();
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByText(message).first()).toBeVisible();
      expect(await allDocumentText(page)).not.toContain(value);
      expect(trouble.errors).toEqual([]);
      expect(trouble.dialogs).toEqual([]);
    });
  }

  test('an alias typed as the key ARN is explained and the IAM policy stays on "*"', async ({
    wizard,
    page,
  }) => {
    await wizard.open('?v=1&ops=import&enc=bucket&account=111122223333&role=R&step=encryption');
    const field = wizard.field('Bucket key ARN');
    await field.fill('arn:aws:kms:us-east-1:111122223333:alias/personalize');
    await field.blur();
    await expect(page.getByText(/That is an alias/)).toBeVisible();
    const iam = (await wizard.documentJson('Service role IAM policy')) as {
      Statement: { Resource: unknown }[];
    };
    expect(iam.Statement[0]?.Resource).toBe('*');
  });
});
