/**
 * axe (WCAG 2.0/2.1/2.2 A and AA rules) on every step and state of the
 * wizard, at a desktop and a phone size, in the light and the dark scheme;
 * and a keyboard focus that is plainly visible.
 */
import type { Locator } from '@playwright/test';

import {
  ACCOUNT,
  APP_KEY_POLICY,
  axeViolations,
  DATASET_GROUP_KEY,
  DOCUMENT_TITLES,
  expect,
  KEY,
  PRIMARY_COLOURS,
  showScheme,
  test,
  type WizardPage,
} from './fixtures';

const VIEWPORTS = [
  { name: 'desktop 1280x800', size: { width: 1280, height: 800 } },
  { name: 'phone 390x844', size: { width: 390, height: 844 } },
] as const;

const SCHEMES = ['light', 'dark'] as const;

interface State {
  name: string;
  /** Brings the page into the state to check. */
  reach: (wizard: WizardPage) => Promise<void>;
}

const STATES: State[] = [
  {
    name: 'Operations step',
    reach: async (wizard) => {
      await wizard.open();
      await wizard.chooseOperations(['import']);
      await wizard.expectStep('operations');
    },
  },
  {
    // One page for both: every element of either state is on it, the warning's field too.
    name: 'Encryption step, both encrypted with separate keys and a field warning (an old-style bucket name)',
    reach: async (wizard) => {
      await wizard.open(
        `?v=1&ops=import&enc=bucket,dataset-group&keys=separate&key=${KEY}&step=encryption`,
      );
      await expect(wizard.exactField('Dataset group key ARN')).toBeVisible();
      await wizard.exactField('S3 bucket name (for the S3 policies)').fill('Personalize_Data');
      await expect(
        wizard.exactField('S3 bucket name (for the S3 policies)'),
      ).toHaveAccessibleDescription(/^Warning: /);
    },
  },
  {
    // The link's bad parts are left out, so the step has errors to show under the notice.
    name: 'Service role step with errors shown, under a link notice',
    reach: async (wizard) => {
      await wizard.open(`?v=1&ops=import,hack&enc=bucket&account=12&role=x"}&step=role`);
      await expect(wizard.linkNotice()).toBeVisible();
      await wizard.roleArnField().fill('arn:aws:iam::111122223333:role/My Role');
      await wizard.next();
      await wizard.expectFieldError(
        wizard.accountField(),
        'Enter the 12-digit ID of the account that owns the role.',
      );
      await wizard.expectFieldError(wizard.roleArnField(), 'A role ARN has no spaces inside it.');
      await expect(wizard.linkNotice()).toBeVisible();
    },
  },
  {
    name: 'Review step, separate keys, statement only and explanations open',
    reach: async (wizard) => {
      await wizard.open(
        `?v=1&ops=import,export&enc=bucket,dataset-group&keys=separate&account=${ACCOUNT}&role=PersonalizeRole&path=/service-role/&key=${KEY}&dataset-group-key=${DATASET_GROUP_KEY}&step=review`,
      );
      await wizard.expectStep('review');
      await wizard.statementOnly(DOCUMENT_TITLES.bucketKeyPolicy, true);
      await wizard.showExplanations(DOCUMENT_TITLES.iamPolicy);
      await expect(wizard.explanations(DOCUMENT_TITLES.iamPolicy)).toContainText('kms:Decrypt');
      await wizard.copyButton(DOCUMENT_TITLES.iamPolicy).click();
      await expect(wizard.documentStatus(DOCUMENT_TITLES.iamPolicy)).toContainText('Copied');
    },
  },
];

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .map(
          (node) =>
            `    - ${JSON.stringify(node.target)} ${node.html.slice(0, 160)}\n      ${(node.failureSummary ?? '').replaceAll('\n', '\n      ')}`,
        )
        .join('\n');
      return `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}\n  ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

// One test per state; each checks the state at both sizes and in both schemes
// without reloading, and reports every violation with where it was found.
for (const state of STATES) {
  test(`${state.name}: no axe violations at either size, in either scheme`, async ({
    wizard,
    page,
  }) => {
    // Four axe runs over the whole page, each up to about 3 s on a busy two-core machine.
    test.setTimeout(60_000);
    await page.setViewportSize(VIEWPORTS[0].size);
    await page.emulateMedia({ colorScheme: SCHEMES[0] });
    await state.reach(wizard);
    const found: string[] = [];
    const details: string[] = [];
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport.size);
      for (const scheme of SCHEMES) {
        await showScheme(page, scheme);
        const violations = await axeViolations(page);
        const where = `${viewport.name}, ${scheme}`;
        for (const violation of violations) {
          found.push(
            `[${where}] ${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(' ')}`,
          );
        }
        if (violations.length > 0) {
          details.push(`[${where}]\n${describeViolations(violations)}`);
        }
      }
    }
    expect(found, `axe violations:\n${details.join('\n')}`).toEqual([]);
  });
}

test('the Start over question has no axe violations in either scheme', async ({ wizard, page }) => {
  await wizard.open(
    `?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&key=${KEY}&step=review`,
  );
  await wizard.startOverButton().click();
  const dialog = page.getByRole('dialog', { name: 'Start over?' });
  await expect(dialog).toBeVisible();
  for (const scheme of SCHEMES) {
    await showScheme(page, scheme);
    // The question alone: the Review step behind it is checked above.
    const violations = await axeViolations(page, dialog);
    expect(violations.map((violation) => `${scheme}: ${violation.id}`)).toEqual([]);
  }
});

test('the merge panel with a diff and with an error has no axe violations in either scheme', async ({
  wizard,
  page,
}) => {
  await wizard.open(
    `?v=1&ops=import&enc=bucket&account=${ACCOUNT}&role=PersonalizeRole&key=${KEY}&step=review`,
  );
  // Four axe runs (two states, two schemes), each up to about 6 s on a busy two-core machine.
  test.setTimeout(60_000);
  const field = await wizard.openMergePanel();
  const panel = field.locator('xpath=ancestor::details[1]');
  const diff = page.getByLabel(
    `Differences between the current and the merged ${DOCUMENT_TITLES.keyPolicy}`,
  );
  const error = page.getByRole('alert').filter({ hasText: 'not valid JSON' });
  for (const [text, shown, gone] of [
    [JSON.stringify(APP_KEY_POLICY, null, 2), diff, error],
    ['{"Version": ', error, diff],
  ] as const) {
    await wizard.paste(field, text);
    // Each state on its own: the error replaces the diff, not the other way round.
    await expect(shown).toBeVisible();
    await expect(gone).toHaveCount(0);
    for (const scheme of SCHEMES) {
      await showScheme(page, scheme);
      // The panel alone: the rest of the Review step is checked above.
      const violations = await axeViolations(page, panel);
      expect(
        violations.map((violation) => `${scheme}: ${violation.id}`),
        'axe violations',
      ).toEqual([]);
    }
  }
});

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

test('keyboard focus shows a 2 px outline in the primary colour, in either scheme', async ({
  wizard,
  page,
}) => {
  await wizard.open('?v=1&ops=import&enc=bucket');
  await wizard.expectStep('operations');
  const controls: [string, Locator][] = [
    ['a step button', wizard.stepButton('Encryption')],
    ['a checkbox', wizard.operation('export')],
    ['Next', wizard.nextButton()],
    ['Copy share link', page.getByRole('button', { name: 'Copy share link' })],
  ];
  // One page: the focus stays on each control while the scheme changes under it, so every
  // control is checked in both schemes without a second visit (the order alternates so that
  // each control needs one change of scheme).
  for (const [index, [name, control]] of controls.entries()) {
    await wizard.tabTo(control);
    for (const scheme of index % 2 === 0 ? SCHEMES : [...SCHEMES].reverse()) {
      await showScheme(page, scheme);
      const { offset, ...outline } = await focusOutline(control);
      expect(outline, `${name} (${scheme})`).toEqual({
        focusVisible: true,
        style: 'solid',
        width: '2px',
        color: PRIMARY_COLOURS[scheme],
      });
      expect(offset, `${name} (${scheme})`).toBeGreaterThanOrEqual(1);
    }
  }
});
