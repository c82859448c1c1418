/**
 * What happens when something goes wrong around the answers: a download of the
 * page's code fails, a pasted key policy outlives its key, or the tab's storage
 * is full.
 */
import { APP_KEY_POLICY, expect, KEY, ONE_KEY_LINK, test } from './fixtures';

test('a step whose code fails to download once is loaded again, without an error', async ({
  wizard,
  page,
}) => {
  let refused = 0;
  await page.route(/ReviewStep-[\w-]+\.js$/, async (route) => {
    if (refused === 0) {
      refused++;
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await wizard.open(ONE_KEY_LINK);
  await wizard.expectStep('review');
  await expect(page.getByRole('heading', { name: 'Before you apply' })).toBeVisible();
  expect(refused).toBe(1);
  await expect(page.getByText('could not be shown')).toHaveCount(0);
});

test('when a download keeps failing, the page offers Reload first, and Reload keeps every answer', async ({
  wizard,
  page,
}) => {
  await page.route(/RoleStep-[\w-]+\.js$/, (route) => route.abort('connectionreset'));
  await wizard.open('?v=1&ops=import&enc=bucket');
  await wizard.goToStep('encryption');
  await wizard.bucketNameField().fill('my-personalize-data');
  await wizard.next();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be shown' });
  // Three tries, about two seconds of pauses between them, before the page gives up.
  await expect(alert).toBeVisible({ timeout: 15_000 });
  await expect(alert.getByRole('button')).toHaveText(['Reload', 'Try again']);
  await expect(alert).not.toContainText(/start over/i);
  await page.unroute(/RoleStep-[\w-]+\.js$/);
  await alert.getByRole('button', { name: 'Reload' }).click();
  await wizard.expectStep('role');
  await wizard.goToStep('encryption');
  await expect(wizard.bucketNameField()).toHaveValue('my-personalize-data');
  await expect(wizard.bucketEncryptedCheckbox()).toBeChecked();
});

test('a key policy pasted for one key is not merged into another key’s policy', async ({
  wizard,
  page,
}) => {
  await wizard.open(ONE_KEY_LINK);
  const field = await wizard.openMergePanel();
  await wizard.paste(field, JSON.stringify(APP_KEY_POLICY, null, 2));
  const merged = wizard.mergedKeyPolicy();
  await expect(merged).toBeVisible();
  const otherKey = KEY.replace(
    '1234abcd-12ab-34cd-56ef-1234567890ab',
    'aaaabbbb-cccc-dddd-eeee-ffff00001111',
  );
  await wizard.open(ONE_KEY_LINK.replace(KEY, otherKey));
  await wizard.expectStep('review');
  await wizard.openMergePanel();
  const warning = page.getByRole('alert').filter({ hasText: 'was pasted for the key' });
  await expect(warning).toContainText(KEY);
  await expect(warning).toContainText(otherKey);
  await expect(merged).toHaveCount(0);
});

test('a paste the tab cannot keep says so at the field', async ({ wizard, page }) => {
  await page.addInitScript(() => {
    const storage = window.sessionStorage;
    const setItem = storage.setItem.bind(storage);
    storage.setItem = (key: string, value: string) => {
      if (key.includes('pasted:')) throw new DOMException('full', 'QuotaExceededError');
      setItem(key, value);
    };
  });
  await wizard.open(ONE_KEY_LINK);
  const field = await wizard.openMergePanel();
  await wizard.paste(field, JSON.stringify(APP_KEY_POLICY, null, 2));
  await expect(page.getByText('could not keep the pasted policy')).toBeVisible();
  await expect(wizard.mergedKeyPolicy()).toBeVisible();
});
