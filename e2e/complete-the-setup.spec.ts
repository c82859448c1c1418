/**
 * The rest of the setup: the companion documents (S3 access, bucket, trust and
 * PassRole policies) on request, matching the builder and following the
 * answers, and the Review step's checks of what would break before anything is
 * applied.
 */
import { buildCompanionDocuments } from '../src/policy';
import { ACCOUNT, expect, FULL_SETUP, FULL_SETUP_LINK, KEY, test } from './fixtures';

test('the companion documents appear when asked for, match the builder and follow the answers', async ({
  wizard,
  page,
}) => {
  await wizard.open(`${FULL_SETUP_LINK}&step=role`);
  await expect(wizard.document('Trust policy')).toHaveCount(0);
  await page
    .getByText('The rest of the setup: S3 access, bucket, trust and PassRole policies')
    .click();
  const companions = buildCompanionDocuments(FULL_SETUP).filter((document) => document.needed);
  expect(companions.map((document) => document.title)).toEqual([
    'S3 access policy',
    'Bucket policy',
    'Trust policy',
    'PassRole policy',
  ]);
  for (const document of companions) {
    expect(await wizard.documentJson(document.title), document.title).toEqual(document.policy);
  }
  await wizard.roleNameField().fill('OtherRole');
  await expect
    .poll(async () => {
      const passRole = (await wizard.documentJson('PassRole policy')) as {
        Statement: { Resource: string }[];
      };
      return passRole.Statement[0]?.Resource;
    })
    .toBe(`arn:aws:iam::${ACCOUNT}:role/service-role/OtherRole`);
});

test('pre-flight checks flag what would break before anything is applied', async ({ wizard }) => {
  // A key in eu-west-1 while the resources are in us-east-1: KMS keys are regional.
  await wizard.open(
    `${FULL_SETUP_LINK.replace(KEY, KEY.replace(':us-east-1:', ':eu-west-1:'))}&step=review`,
  );
  const checks = wizard.reviewSection('Before you apply');
  await expect(checks).toContainText(/1 to fix/);
  await expect(checks).toContainText(/eu-west-1/);
  await expect(checks).toContainText(/VPC/);
});

test('Review separates what blocks applying from answers not given yet, and a link opens the missing field; with nothing encrypted it has nothing to fix', async ({
  wizard,
}) => {
  await wizard.open(
    `?v=1&ops=import,batch-inference&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&step=review`,
  );
  const checks = wizard.reviewSection('Before you apply');
  await expect(checks).toContainText('not answered yet');
  await expect(checks).not.toContainText(/to fix/);
  await expect(checks.getByText('Fix', { exact: true })).toHaveCount(0);
  // No key ARN, so no key region to compare: no warning about a region not given.
  await expect(checks.getByText(/keys’ regions cannot be compared with Personalize’s/)).toHaveCount(
    0,
  );
  await checks.getByRole('button', { name: 'Fill in Bucket name' }).click();
  await wizard.expectStep('encryption');
  await expect(wizard.bucketNameField()).toBeFocused();

  // Nothing encrypted: the checks still list what they looked at, and nothing is to fix.
  await wizard.open(`?v=1&ops=import&account=${ACCOUNT}&role=PersonalizeRole&step=review`);
  await expect(checks.locator('li').first()).toBeVisible();
  await expect(checks).not.toContainText(/to fix/);
  await expect(checks.getByText('Fix', { exact: true })).toHaveCount(0);
});
