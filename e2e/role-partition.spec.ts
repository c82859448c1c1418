/**
 * Choosing the partition by pasting a role ARN has the same follow-ups as
 * clicking its radio: a region of the other partition is cleared, and the key
 * ARNs of the Encryption step are checked against the new partition.
 */
import { ACCOUNT, expect, KEY, test, type WizardPage } from './fixtures';

const START = `?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&key=${KEY}&region=us-east-1&step=role`;
const CHINA_ROLE = `arn:aws-cn:iam::${ACCOUNT}:role/PersonalizeRole`;

async function expectChinaFollowUps(wizard: WizardPage): Promise<void> {
  await expect(wizard.partitionRadio('aws-cn')).toBeChecked();
  const region = wizard.regionSelect();
  await expect(region).toHaveValue('');
  const offered = await region
    .locator('option')
    .evaluateAll((options) =>
      options.map((option) => (option as HTMLOptionElement).value).filter((value) => value !== ''),
    );
  expect(offered.length).toBeGreaterThan(0);
  for (const value of offered) expect(value).toMatch(/^cn-/);
  // In two plain sentences: what no longer fits, and why.
  await expect(wizard.page.getByRole('alert')).toHaveText(
    /^A key ARN on the Encryption step no longer fits\. This key is in the aws partition/,
  );
}

test.describe('the partition and what follows from it', () => {
  test('clicking the aws-cn radio clears the region and flags the key ARN', async ({ wizard }) => {
    await wizard.open(START);
    await expect(wizard.regionSelect()).toHaveValue('us-east-1');
    await wizard.partitionRadio('aws-cn').click();
    await expectChinaFollowUps(wizard);
  });

  test('pasting an aws-cn role ARN does the same as clicking the radio', async ({ wizard }) => {
    await wizard.open(START);
    await expect(wizard.regionSelect()).toHaveValue('us-east-1');
    await expect(wizard.partitionRadio('aws')).toBeChecked();
    await wizard.paste(wizard.roleArnField(), CHINA_ROLE);
    await expectChinaFollowUps(wizard);
    // The region answer was cleared, not only hidden: it does not come back with aws.
    await wizard.paste(wizard.roleArnField(), `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`);
    await expect(wizard.partitionRadio('aws')).toBeChecked();
    await expect(wizard.regionSelect()).toHaveValue('');
  });
});
