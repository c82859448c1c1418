import { DOCUMENT_TITLES, expect, test } from './fixtures';

test('a fresh visit shows the first step and says no policy is needed yet', async ({ wizard }) => {
  await wizard.open();
  await expect(wizard.stepHeading()).toHaveText('Operations');
  await expect(wizard.document(DOCUMENT_TITLES.keyPolicy)).toContainText('Not needed');
  await expect(wizard.document(DOCUMENT_TITLES.keyPolicy).locator('pre')).toHaveCount(0);
  await expect(wizard.document(DOCUMENT_TITLES.iamPolicy)).toContainText('Not needed');
});
