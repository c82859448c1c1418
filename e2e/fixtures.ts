/**
 * One page object for every journey: methods named for what a user does,
 * role and label locators only.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';

export const DOCUMENT_TITLES = {
  keyPolicy: 'KMS key policy',
  bucketKeyPolicy: 'KMS key policy (bucket key)',
  datasetGroupKeyPolicy: 'KMS key policy (dataset group key)',
  iamPolicy: 'Service role IAM policy',
} as const;

export const OPERATION_LABELS = {
  import: 'Dataset import jobs',
  export: 'Dataset export jobs',
  'batch-inference': 'Batch inference jobs',
  'metric-reports': 'Metric attribution reports to Amazon S3',
} as const;

export type OperationName = keyof typeof OPERATION_LABELS;

export class WizardPage {
  constructor(readonly page: Page) {}

  async open(search = ''): Promise<void> {
    await this.page.goto(`./${search}`);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  stepHeading(): Locator {
    return this.page.locator('#step-heading');
  }

  stepButton(label: string): Locator {
    return this.page.getByRole('navigation', { name: 'Wizard steps' }).getByRole('button', {
      name: label,
    });
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: 'Next', exact: true }).click();
  }

  async back(): Promise<void> {
    await this.page.getByRole('button', { name: 'Back', exact: true }).click();
  }

  async chooseOperations(operations: readonly OperationName[]): Promise<void> {
    for (const operation of operations) {
      await this.page.getByRole('checkbox', { name: OPERATION_LABELS[operation] }).check();
    }
  }

  async encrypt(what: { bucket?: boolean; datasetGroup?: boolean }): Promise<void> {
    if (what.bucket !== undefined) {
      await this.page.getByRole('checkbox', { name: /The S3 bucket/ }).setChecked(what.bucket);
    }
    if (what.datasetGroup !== undefined) {
      await this.page
        .getByRole('checkbox', { name: /The dataset group/ })
        .setChecked(what.datasetGroup);
    }
  }

  async chooseSeparateKeys(): Promise<void> {
    await this.page.getByRole('radio', { name: 'Separate keys' }).check();
  }

  field(label: string | RegExp): Locator {
    return this.page.getByRole('textbox', { name: label });
  }

  async fillRole(role: { accountId: string; roleName: string; rolePath?: string }): Promise<void> {
    await this.field('AWS account ID').fill(role.accountId);
    await this.field('Service role name').fill(role.roleName);
    if (role.rolePath !== undefined) await this.field('Role path').fill(role.rolePath);
  }

  /** The region of one document, by its exact accessible name. */
  document(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  /** The JSON shown for a document, parsed. */
  async documentJson(title: string): Promise<unknown> {
    const text = await this.document(title).locator('pre').textContent();
    return JSON.parse(text ?? '') as unknown;
  }

  async documentText(title: string): Promise<string> {
    return (await this.document(title).locator('pre').textContent()) ?? '';
  }

  linkNotice(): Locator {
    return this.page.getByRole('alert').filter({ hasText: 'Parts of this link were not used' });
  }
}

export const test = base.extend<{ wizard: WizardPage }>({
  wizard: async ({ page }, use) => {
    await use(new WizardPage(page));
  },
});

export { expect };
