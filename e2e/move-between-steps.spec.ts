/**
 * Moving between the steps: by Next and Back, the step bar, the browser's
 * Back and Forward and a reload, keeping every answer; the step bar ticks only
 * finished steps and opens a step once the steps before it are answered; a
 * link to a step that cannot be opened yet opens the first step that still
 * needs answers, and says so.
 */
import type { Locator } from '@playwright/test';

import {
  ACCOUNT,
  expect,
  KEY,
  REVIEW_LOCKED,
  REVIEW_LOCKED_STATUS,
  SEPARATE_KEYS_TYPED,
  STEP_LABELS,
  test,
  type AnswersInput,
  type WizardPage,
} from './fixtures';

/** Review asked for, but the account ID in the link is not valid (and no role name). */
const REVIEW_WITHOUT_ROLE = '?v=1&ops=import&enc=bucket&account=abc&step=review';
const COMPLETE_REVIEW = `?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&key=${KEY}&step=review`;

/** The labels of the steps that show a tick. */
async function tickedSteps(wizard: WizardPage): Promise<string[]> {
  const ticked: string[] = [];
  for (const label of Object.values(STEP_LABELS)) {
    const button: Locator = wizard.stepButton(label);
    if ((await button.locator('.MuiStepIcon-root.Mui-completed').count()) > 0) ticked.push(label);
  }
  return ticked;
}

test.describe('answers are kept', () => {
  const answers = SEPARATE_KEYS_TYPED;

  async function expectFormHolds(wizard: WizardPage): Promise<void> {
    await wizard.expectStep('role');
    await expect(wizard.accountField()).toHaveValue(ACCOUNT);
    await expect(wizard.roleNameField()).toHaveValue('PersonalizeRole');
    await expect(wizard.rolePathField()).toHaveValue('/service-role/');
    await wizard.back();
    await wizard.expectStep('encryption');
    await expect(wizard.bucketEncryptedCheckbox()).toBeChecked();
    await expect(wizard.datasetGroupEncryptedCheckbox()).toBeChecked();
    await expect(wizard.keyLayoutRadio('separate')).toBeChecked();
    await expect(wizard.exactField('Bucket key ARN')).toHaveValue(KEY);
    await expect(wizard.exactField('Dataset group key ARN')).toHaveValue('');
    await wizard.back();
    await wizard.expectStep('operations');
    await expect(wizard.operation('import')).toBeChecked();
    await expect(wizard.operation('export')).toBeChecked();
    await expect(wizard.operation('batch-inference')).not.toBeChecked();
    await wizard.expectDocumentsFor(answers);
  }

  test('through Back and Next', async ({ wizard }) => {
    // Every step answered by mouse, then walked back and forth: about 15 s on a loaded
    // two-core machine, so twice that and a margin.
    test.setTimeout(45_000);
    await wizard.open();
    await wizard.answerEveryStepByMouse(answers, { checkEachStep: false });
    await wizard.back();
    await expect(wizard.stepHeading()).toBeFocused();
    await expectFormHolds(wizard);
    await wizard.next();
    await wizard.next();
    await wizard.next();
    await wizard.expectStep('review');
    await wizard.expectDocumentsFor(answers);
  });

  test('through a reload, even an answer that is not valid yet', async ({ wizard, page }) => {
    await wizard.open(
      `?v=1&ops=import,export&enc=bucket,dataset-group&keys=separate&account=${ACCOUNT}&role=PersonalizeRole&path=/service-role/&key=${KEY}&step=review`,
    );
    await wizard.expectDocumentsFor(answers);
    await page.reload();
    await wizard.expectStep('review');
    await wizard.expectDocumentsFor(answers);
    await wizard.back();
    await page.reload();
    await expectFormHolds(wizard);

    // A half-typed answer survives the reload, with its error shown at once.
    await wizard.goToStep('role');
    await wizard.accountField().fill('1111');
    // (Once the address has caught up: the wizard updates it a moment after typing.)
    await expect.poll(() => wizard.search()).not.toContain('account=');
    await page.reload();
    await wizard.expectStep('role');
    await expect(wizard.accountField()).toHaveValue('1111');
    await wizard.expectFieldError(
      wizard.accountField(),
      'An account ID has exactly 12 digits (this has 4). Keep any leading zeros.',
    );
    await wizard.expectDocumentsFor({ ...answers, accountId: '' });
  });

  // The address is rewritten a moment after the last keystroke; a reload within
  // that moment reloads the old address and must still keep the change.
  test('a reload right after a keystroke keeps the change', async ({ wizard, page }) => {
    await page.clock.install({ time: new Date('2026-01-01T00:00:00Z') });
    await wizard.open(`?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=OldRole&step=role`);
    await expect(wizard.roleNameField()).toHaveValue('OldRole');
    // Time stands still from here: no timer fires until the reload.
    await page.clock.pauseAt(new Date('2026-01-01T00:01:00Z'));
    await wizard.roleNameField().fill('NewRole');
    await page.reload();
    await wizard.expectStep('role');
    await expect(wizard.roleNameField()).toHaveValue('NewRole');
    await wizard.expectDocumentsFor({
      operations: ['import'],
      bucketEncrypted: true,
      accountId: ACCOUNT,
      roleName: 'NewRole',
    });
  });

  test('browser Back and Forward move between steps and keep the latest answers', async ({
    wizard,
    page,
  }) => {
    await wizard.open();
    const historyLength = () => page.evaluate(() => window.history.length);
    const start = await historyLength();
    await wizard.chooseOperations(['import']);
    await wizard.next();
    await wizard.expectStep('encryption');
    await wizard.encrypt({ bucket: true });
    await wizard.next();
    await wizard.expectStep('role');
    // Each step change adds one history entry.
    const history = await historyLength();
    expect(history).toBe(start + 2);
    await wizard.fillRole({ accountId: ACCOUNT, roleName: 'PersonalizeRole' });
    // Typing replaces the address (a moment later); it adds no history entries.
    await expect
      .poll(() => wizard.search())
      .toBe(`?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&step=role`);
    expect(await historyLength()).toBe(history);
    const latest: AnswersInput = {
      operations: ['import'],
      bucketEncrypted: true,
      accountId: ACCOUNT,
      roleName: 'PersonalizeRole',
    };

    await page.goBack();
    await wizard.expectStep('encryption');
    await expect(wizard.stepHeading()).toBeFocused();
    await expect(wizard.bucketEncryptedCheckbox()).toBeChecked();
    await expect
      .poll(() => wizard.search())
      .toBe(`?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&step=encryption`);
    await wizard.expectDocumentsFor(latest);
    // A change made here is kept when going Forward.
    await wizard.encrypt({ datasetGroup: true });

    await page.goBack();
    await wizard.expectStep('operations');
    await expect(wizard.operation('import')).toBeChecked();

    await page.goForward();
    await wizard.expectStep('encryption');
    await expect(wizard.datasetGroupEncryptedCheckbox()).toBeChecked();
    await page.goForward();
    await wizard.expectStep('role');
    await expect(wizard.accountField()).toHaveValue(ACCOUNT);
    await expect(wizard.roleNameField()).toHaveValue('PersonalizeRole');
    await wizard.expectDocumentsFor({ ...latest, datasetGroupEncrypted: true });
  });
});

test('focus moves to the step heading on Next and Back, and Tab goes on to the step’s first answer', async ({
  wizard,
  page,
}) => {
  await wizard.open();
  await wizard.next();
  await wizard.expectStep('encryption');
  await expect(wizard.stepHeading()).toBeFocused();
  await wizard.back();
  await wizard.expectStep('operations');
  await expect(wizard.stepHeading()).toBeFocused();
  // The focused heading is announced by name, so keyboard users know where they are.
  await page.keyboard.press('Tab');
  await expect(wizard.operation('import')).toBeFocused();
});

test.describe('the step bar', () => {
  test('a step label opens its step once the steps before it are valid', async ({ wizard }) => {
    await wizard.open();
    await expect(wizard.stepButton('Operations')).toHaveAttribute('aria-current', 'step');
    // Review needs the role's account and name.
    await expect(wizard.stepButton('Review')).toBeDisabled();
    await wizard.goToStep('encryption');
    await expect(wizard.stepButton('Encryption')).toHaveAttribute('aria-current', 'step');
    await wizard.encrypt({ bucket: true });

    // An invalid key ARN closes the later steps until it is fixed.
    await wizard.exactField('Bucket key ARN').fill('not-an-arn');
    await expect(wizard.stepButton('Service role')).toBeDisabled();
    await expect(wizard.stepButton('Review')).toBeDisabled();
    await wizard.exactField('Bucket key ARN').fill(KEY);
    await expect(wizard.stepButton('Service role')).toBeEnabled();

    await wizard.goToStep('role');
    await expect(wizard.stepHeading()).toBeFocused();
    await wizard.fillRole({ accountId: ACCOUNT, roleName: 'PersonalizeRole' });
    await expect(wizard.stepButton('Review')).toBeEnabled();
    await wizard.goToStep('review');
    await wizard.goToStep('operations');
    await wizard.goToStep('review');
    await wizard.expectDocumentsFor({
      bucketEncrypted: true,
      keyArn: KEY,
      accountId: ACCOUNT,
      roleName: 'PersonalizeRole',
    });
  });

  test('ticks a step once passed, only while the step after it can be opened, and says so to screen readers', async ({
    wizard,
  }) => {
    await wizard.open(REVIEW_WITHOUT_ROLE);
    await expect.poll(() => tickedSteps(wizard)).toEqual(['Operations', 'Encryption']);
    // Screen readers hear which steps are done, as the ticks show it.
    for (const label of Object.values(STEP_LABELS)) {
      const button = wizard.stepButton(label);
      if (label === 'Operations' || label === 'Encryption') {
        await expect(button).toHaveAccessibleName(new RegExp(`${label} \\(completed\\)$`));
      } else {
        await expect(button).not.toHaveAccessibleName(/completed/);
      }
    }

    await wizard.fillRole({ accountId: ACCOUNT, roleName: 'PersonalizeRole' });
    await expect(wizard.stepButton('Review')).toBeEnabled();
    await expect.poll(() => tickedSteps(wizard)).toEqual(['Operations', 'Encryption']);
    await wizard.next();
    await wizard.expectStep('review');
    await expect
      .poll(() => tickedSteps(wizard))
      .toEqual(['Operations', 'Encryption', 'Service role']);
  });

  test('unticks a step when a later answer makes one of its answers invalid', async ({
    wizard,
  }) => {
    await wizard.open(
      `?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&key=${KEY}&step=role`,
    );
    await expect.poll(() => tickedSteps(wizard)).toEqual(['Operations', 'Encryption']);
    // An aws key does not fit a role in aws-cn: the Encryption step needs its answer again.
    await wizard.partitionRadio('aws-cn').click();
    await expect(wizard.stepButton('Review')).toBeDisabled();
    await expect.poll(() => tickedSteps(wizard)).toEqual(['Operations']);
  });

  test('by keyboard: every step that can be opened is a Tab stop, the current one is marked, Enter opens one', async ({
    wizard,
    page,
  }) => {
    await wizard.open(
      `?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&step=encryption`,
    );
    await wizard.expectStep('encryption');
    await expect(wizard.stepButton('Encryption')).toHaveAttribute('aria-current', 'step');
    await expect(wizard.stepButton('Operations')).not.toHaveAttribute('aria-current', 'step');
    // A navigation of buttons, not a tab list without tab panels.
    await expect(wizard.stepNavigation().getByRole('tab')).toHaveCount(0);
    await wizard.tabInto(wizard.stepNavigation());
    await expect(wizard.stepButton('Operations')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(wizard.stepButton('Encryption')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(wizard.stepButton('Service role')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(wizard.stepButton('Review')).toBeFocused();

    // Enter on a step opens it and moves the focus to its heading.
    await page.keyboard.press('Shift+Tab');
    await expect(wizard.stepButton('Service role')).toBeFocused();
    await page.keyboard.press('Enter');
    await wizard.expectStep('role');
    await expect(wizard.stepHeading()).toBeFocused();
    await expect(wizard.accountField()).toHaveValue(ACCOUNT);
  });
});

test.describe('a step that cannot be opened yet', () => {
  test('a link to it opens the first step that still needs answers, and says so', async ({
    wizard,
  }) => {
    await wizard.open(REVIEW_WITHOUT_ROLE);
    await wizard.expectStep('role');
    const notice = wizard.linkNotice();
    // The step named was valid, only not open yet: the heading does not call it invalid.
    await expect(
      notice.getByText('Parts of this link were not used:', { exact: true }),
    ).toBeVisible();
    await expect(notice).toContainText('account: An account ID is 12 digits');
    await expect(notice).toContainText(`step: ${REVIEW_LOCKED}`);
    await expect.poll(() => wizard.search()).toBe('?v=1&ops=import&enc=bucket&step=role');
    await expect(wizard.stepButton('Review')).toBeDisabled();
  });

  test('a link to a step that can be opened opens it, without a notice; the browser’s Back to it once it cannot stays on the step that needs answers', async ({
    wizard,
    page,
  }) => {
    await wizard.open(COMPLETE_REVIEW);
    await wizard.expectStep('review');
    await expect(wizard.linkNotice()).toHaveCount(0);
    // The wizard's Back adds a history entry: the browser's Back returns to Review's.
    await wizard.back();
    await wizard.expectStep('role');
    await wizard.accountField().fill('');
    await expect(wizard.stepButton('Review')).toBeDisabled();
    await page.goBack();
    await expect(wizard.wizardStatus()).toHaveText(REVIEW_LOCKED_STATUS);
    await wizard.expectStep('role');
    await expect.poll(() => wizard.search()).toContain('step=role');
  });

  test('the browser’s Back to an address whose own answers cannot open its step says why', async ({
    wizard,
    page,
  }) => {
    await wizard.open('?v=1&ops=import&enc=bucket&step=role');
    await wizard.expectStep('role');
    // History entries as a hand-edited address would leave them: Review without a role.
    await page.evaluate(() => {
      history.pushState(null, '', '?v=1&ops=import&enc=bucket&step=review');
      history.pushState(null, '', '?v=1&ops=import&enc=bucket&step=role');
    });
    await page.goBack();
    await expect(wizard.wizardStatus()).toHaveText(REVIEW_LOCKED_STATUS);
    await wizard.expectStep('role');
  });
});
