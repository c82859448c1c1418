/**
 * Moving around the wizard: the step bar ticks only finished steps and shows
 * which steps cannot be opened yet, a link to such a step opens the first step
 * that still needs answers, keyboard focus is plainly visible, Start over asks
 * before it clears anything, and the link notice's Dismiss stays one word.
 */
import type { Locator } from '@playwright/test';

import {
  ACCOUNT,
  axeViolations,
  drawnLines,
  expect,
  KEY,
  PRIMARY_COLOURS,
  REVIEW_LOCKED,
  REVIEW_LOCKED_STATUS,
  showScheme,
  STEP_LABELS,
  test,
  type WizardPage,
} from './fixtures';

/** Review asked for, but the account ID in the link is not valid (and no role name). */
const REVIEW_WITHOUT_ROLE = '?v=1&ops=import&enc=bucket&account=abc&step=review';
const COMPLETE_REVIEW = `?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&key=${KEY}&step=review`;

/** The labels of the steps that show a tick. */
async function tickedSteps(wizard: WizardPage): Promise<string[]> {
  const ticked: string[] = [];
  for (const label of Object.values(STEP_LABELS)) {
    const button = wizard.stepButton(label);
    if ((await button.locator('.MuiStepIcon-root.Mui-completed').count()) > 0) ticked.push(label);
  }
  return ticked;
}

/** How a step's number and label are drawn. */
function stepLook(button: Locator) {
  return button.evaluate((element) => {
    const icon = element.querySelector('.MuiStepIcon-root');
    const circle = icon?.querySelector('circle');
    const label = element.querySelector('.MuiStepLabel-label');
    if (!icon || !circle || !label) throw new Error('A step without its icon or label');
    const iconStyle = getComputedStyle(icon);
    const circleStyle = getComputedStyle(circle);
    return {
      icon: iconStyle.color,
      fill: circleStyle.fill,
      stroke: circleStyle.stroke,
      label: getComputedStyle(label).color,
    };
  });
}

/** The outline of the element that shows a control's keyboard focus (its ButtonBase root). */
function focusOutline(control: Locator) {
  return control.evaluate((element) => {
    const root = element.closest('.MuiButtonBase-root') ?? element;
    const style = getComputedStyle(root);
    return {
      focusVisible: root.classList.contains('Mui-focusVisible'),
      style: style.outlineStyle,
      width: style.outlineWidth,
      color: style.outlineColor,
      offset: parseFloat(style.outlineOffset),
    };
  });
}

test.describe('the step bar', () => {
  test('ticks a step once passed, and only while the step after it can be opened', async ({
    wizard,
  }) => {
    await wizard.open(REVIEW_WITHOUT_ROLE);
    await expect.poll(() => tickedSteps(wizard)).toEqual(['Operations', 'Encryption']);

    await wizard.fillRole({ accountId: ACCOUNT, roleName: 'PersonalizeRole' });
    await expect(wizard.stepButton('Review')).toBeEnabled();
    await expect.poll(() => tickedSteps(wizard)).toEqual(['Operations', 'Encryption']);
    await wizard.next();
    await wizard.expectStep('review');
    await expect
      .poll(() => tickedSteps(wizard))
      .toEqual(['Operations', 'Encryption', 'Service role']);
  });

  test('tells screen readers which steps are done, as the ticks show it', async ({ wizard }) => {
    await wizard.open(REVIEW_WITHOUT_ROLE);
    await expect.poll(() => tickedSteps(wizard)).toEqual(['Operations', 'Encryption']);
    for (const label of Object.values(STEP_LABELS)) {
      const button = wizard.stepButton(label);
      if (label === 'Operations' || label === 'Encryption') {
        await expect(button).toHaveAccessibleName(new RegExp(`${label} \\(completed\\)$`));
      } else {
        await expect(button).not.toHaveAccessibleName(/completed/);
      }
    }
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

  for (const scheme of ['light', 'dark'] as const) {
    test(`a step that cannot be opened yet is disabled and looks it (${scheme})`, async ({
      wizard,
      page,
    }) => {
      await wizard.open('?v=1&ops=import&enc=bucket');
      await showScheme(page, scheme);
      // Colours are read at once, not halfway through MUI's colour transitions.
      await page.addStyleTag({
        content: '*, *::before, *::after { transition: none !important; }',
      });
      await wizard.expectStep('operations');
      const open = wizard.stepButton('Service role');
      const locked = wizard.stepButton('Review');
      await expect(open).toBeEnabled();
      await expect(locked).toBeDisabled();

      const openLook = await stepLook(open);
      const lockedLook = await stepLook(locked);
      // A step that can be opened: its number in a ring of the primary colour.
      expect(openLook.icon).toBe(PRIMARY_COLOURS[scheme]);
      expect(openLook.stroke).toBe(PRIMARY_COLOURS[scheme]);
      expect(lockedLook.icon).not.toBe(PRIMARY_COLOURS[scheme]);
      expect(lockedLook.stroke).not.toBe(PRIMARY_COLOURS[scheme]);
      expect(lockedLook.label).not.toBe(openLook.label);

      // Once the role is answered, Review looks like a step that can be opened.
      await wizard.goToStep('role');
      await wizard.fillRole({ accountId: ACCOUNT, roleName: 'PersonalizeRole' });
      await expect(locked).toBeEnabled();
      expect(await stepLook(locked)).toEqual(openLook);
    });
  }
});

test.describe('a link to a step that cannot be opened yet', () => {
  test('opens the first step that still needs answers, and says so', async ({ wizard }) => {
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

  test('a step that can be opened opens as before, without a notice', async ({ wizard }) => {
    await wizard.open(COMPLETE_REVIEW);
    await wizard.expectStep('review');
    await expect(wizard.linkNotice()).toHaveCount(0);
  });

  test('the browser’s Back to a step that can no longer be opened stays on the step that needs answers', async ({
    wizard,
    page,
  }) => {
    await wizard.open(COMPLETE_REVIEW);
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

test.describe('keyboard focus', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`shows a 2 px outline in the primary colour (${scheme})`, async ({ wizard, page }) => {
      await wizard.open('?v=1&ops=import&enc=bucket');
      await showScheme(page, scheme);
      await wizard.expectStep('operations');
      const controls: [string, Locator][] = [
        ['a step button', wizard.stepButton('Encryption')],
        ['a checkbox', wizard.operation('export')],
        ['Next', wizard.nextButton()],
        ['Copy share link', page.getByRole('button', { name: 'Copy share link' })],
      ];
      for (const [name, control] of controls) {
        await wizard.tabTo(control);
        const { offset, ...outline } = await focusOutline(control);
        expect(outline, name).toEqual({
          focusVisible: true,
          style: 'solid',
          width: '2px',
          color: PRIMARY_COLOURS[scheme],
        });
        expect(offset, name).toBeGreaterThanOrEqual(1);
      }
    });
  }
});

test.describe('Start over', () => {
  test('asks first; Cancel and Escape keep every answer, confirming clears them', async ({
    wizard,
    page,
  }) => {
    await wizard.open(COMPLETE_REVIEW);
    await wizard.expectStep('review');
    const before = wizard.search();
    const startOver = wizard.startOverButton();
    const dialog = page.getByRole('dialog', { name: 'Start over?' });

    await startOver.click();
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('It cannot be undone.');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(startOver).toBeFocused();

    await startOver.click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await wizard.expectStep('review');
    expect(wizard.search()).toBe(before);
    await wizard.goToStep('role');
    await expect(wizard.accountField()).toHaveValue(ACCOUNT);
    await expect(wizard.roleNameField()).toHaveValue('PersonalizeRole');

    await startOver.click();
    await dialog.getByRole('button', { name: 'Clear all answers' }).click();
    await expect(dialog).toHaveCount(0);
    await wizard.expectStep('operations');
    await expect(wizard.wizardStatus()).toHaveText('All answers cleared.');
    await expect(wizard.operation('import')).not.toBeChecked();
    await expect.poll(() => wizard.search()).toBe('?v=1');
  });

  test('its question has no axe violations in either scheme', async ({ wizard, page }) => {
    await wizard.open(COMPLETE_REVIEW);
    await wizard.startOverButton().click();
    await expect(page.getByRole('dialog', { name: 'Start over?' })).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await showScheme(page, scheme);
      const violations = await axeViolations(page);
      expect(violations.map((violation) => `${scheme}: ${violation.id}`)).toEqual([]);
    }
  });

  test('keeps Copy share link and Start over on one row at 360 px', async ({ wizard, page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    for (const link of ['?v=1', COMPLETE_REVIEW]) {
      await wizard.open(link);
      const copy = await page.getByRole('button', { name: 'Copy share link' }).boundingBox();
      const startOver = await wizard.startOverButton().boundingBox();
      const back = await wizard.backButton().boundingBox();
      if (!copy || !startOver || !back) throw new Error('A button is not shown');
      expect(startOver.y, link).toBe(copy.y);
      expect(copy.y, link).toBeGreaterThan(back.y);
    }
  });
});

test('the link notice’s Dismiss stays on one line at 360 px', async ({ wizard, page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await wizard.open('?v=1&ops=import,hack&account=12&role=x%20y&path=nope&region=moon');
  const notice = wizard.linkNotice();
  await expect(notice).toBeVisible();
  const dismiss = notice.getByRole('button', { name: 'Dismiss' });
  expect(await drawnLines(dismiss)).toBe(1);
  // The notice's own text still wraps inside it, beside the button.
  const fits = await notice.evaluate((element) => element.scrollWidth <= element.clientWidth);
  expect(fits).toBe(true);
  await dismiss.click();
  await expect(notice).toHaveCount(0);
});
