import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { dropFiles } from './files';

/**
 * The Demos area driven from the keyboard only: Tab moves focus, shortcuts run commands, Enter
 * submits. `tabTo` presses Tab until the wanted element has focus, as a keyboard user would.
 */
export class DemosPage {
  constructor(readonly page: Page) {}

  get presenter(): Locator {
    return this.page.getByRole('region', { name: 'Presenter mode' });
  }

  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key);
  }

  /** Waits until no dialog is open: the app ignores shortcuts while one is (as it should). */
  async noDialogOpen(): Promise<void> {
    await expect(this.page.locator('dialog[open]')).toHaveCount(0);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** Presses Tab until `target` is focused (at most `limit` times). */
  async tabTo(target: Locator, limit = 40): Promise<void> {
    for (let step = 0; step < limit; step += 1) {
      if (await target.evaluate((element) => element === document.activeElement)) return;
      await this.page.keyboard.press('Tab');
    }
    await expect(target).toBeFocused();
  }

  get signOffForm(): Locator {
    return this.page.getByRole('form', { name: 'Sign off' });
  }

  /** What the signer must acknowledge before signing, when there is anything. */
  get signOffGuard(): Locator {
    return this.signOffForm.getByRole('group', { name: 'Acknowledge before signing' });
  }

  /**
   * Signs off in the review (Alt+R first): confirms, presses `button` ("Sign off the demo",
   * "Add your signature" ...) and gives the identity's passphrase when the app asks for it.
   * `acknowledge`: the guard lists items, and the signer acknowledges them first.
   */
  async signOff(button: string, passphrase: string, acknowledge = false): Promise<void> {
    if (acknowledge) await this.signOffGuard.getByRole('checkbox').check();
    await this.signOffForm.getByRole('checkbox', { name: /^I attended this demo/ }).check();
    await this.signOffForm.getByRole('button', { name: button }).click();
    const unlock = this.dialog('Unlock your signing identity');
    await unlock.getByLabel('Passphrase').fill(passphrase);
    await unlock.getByRole('button', { name: 'Sign' }).click();
    await expect(unlock).toBeHidden();
  }

  /** First run: the workspace form, then a sprint with the suggested name and dates. */
  async createWorkspaceAndSprint(workspace: string): Promise<void> {
    const name = this.page
      .getByRole('region', { name: 'Create your first workspace' })
      .getByLabel('Name');
    await this.tabTo(name);
    await this.type(workspace);
    await this.press('Enter');
    await expect(this.page.getByRole('heading', { level: 1, name: workspace })).toBeVisible();
    await this.press('Alt+N');
    await expect(this.dialog('New sprint').getByLabel('Sprint name')).toBeFocused();
    await this.press('Enter');
    await expect(this.dialog('New sprint')).toBeHidden();
  }

  async createDemo(options: { facilitator: string; attendees: string[] }): Promise<void> {
    await this.press('Alt+2');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Demos' })).toBeVisible();
    await this.press('Alt+N');
    const dialog = this.dialog('New demo');
    await expect(dialog.getByLabel('Sprint')).toBeFocused();
    await this.tabTo(dialog.getByLabel('Facilitator'));
    await this.type(options.facilitator);
    await this.press('Tab');
    await expect(dialog.getByLabel('Attendees')).toBeFocused();
    await this.type(options.attendees.join('\n'));
    await this.tabTo(dialog.getByRole('button', { name: 'Create demo' }));
    await this.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(this.page.getByRole('heading', { level: 2, name: 'Agenda' })).toBeVisible();
  }

  /** Alt+A, then key, owner, title and controls; Enter in the empty control box submits. */
  async addItem(item: {
    key: string;
    owner: string;
    title: string;
    description: string;
    controls: string[];
  }) {
    await this.press('Alt+A');
    const dialog = this.dialog('Add agenda item');
    await expect(dialog.getByLabel('Key')).toBeFocused();
    await this.type(item.key);
    await this.press('Tab');
    await this.type(item.owner);
    await this.press('Tab');
    await this.type(item.title);
    await this.press('Tab');
    await expect(dialog.getByLabel('Description')).toBeFocused();
    await this.type(item.description);
    await this.tabTo(dialog.getByRole('combobox', { name: 'Controls' }));
    for (const control of item.controls) {
      await this.type(control);
      await this.press('Enter');
    }
    await this.press('Enter');
    await expect(dialog).toBeHidden();
  }

  async pasteItems(lines: string[]): Promise<void> {
    await this.press('Alt+V');
    const dialog = this.dialog('Paste a list of items');
    await expect(dialog.getByLabel('Items, one per line')).toBeFocused();
    await this.type(lines.join('\n'));
    const add = dialog.getByRole('button', { name: `Add ${lines.length} items` });
    await this.tabTo(add);
    await this.press('Enter');
    await expect(dialog).toBeHidden();
  }

  /** The agenda's items on the demo page (not the lists nested in them). */
  agendaItems(): Locator {
    return this.page.getByRole('list', { name: 'Agenda' }).locator(':scope > li');
  }

  itemTitle(): Locator {
    return this.presenter.getByRole('heading', { level: 1 });
  }

  controlRow(control: string): Locator {
    const [, controlId = control] = control.split('#');
    return this.presenter
      .getByRole('list', { name: 'Linked controls' })
      .getByRole('listitem')
      .filter({ hasText: controlId });
  }

  /** The current verdict shown for a linked control (not the buttons that set it). */
  verdictOf(control: string): Locator {
    return this.presenter.getByRole('status', { name: `Verdict on ${control}` });
  }

  /** Drops files from disk anywhere on presenter mode, as a drag from the desktop would. */
  async dropOnPresenter(...files: string[]): Promise<void> {
    await dropFiles(this.page, this.presenter, files);
  }

  /** The timeline entry of one evidence file on the current item. */
  evidenceEntry(fileName: string): Locator {
    return this.timeline().getByRole('listitem').filter({ hasText: fileName });
  }

  timeline(): Locator {
    return this.presenter.getByRole('list', { name: 'Recorded on this item' });
  }

  composer(): Locator {
    return this.presenter.getByRole('textbox', { name: /Observation|Follow-up question/ });
  }

  /** In presenter mode: `L`, type the references, Enter each, Enter to save. */
  async linkControls(controls: string[]): Promise<void> {
    await this.press('l');
    const dialog = this.dialog('Link controls');
    await expect(dialog.getByRole('combobox', { name: 'Controls of this item' })).toBeFocused();
    for (const control of controls) {
      await this.type(control);
      await this.press('Enter');
    }
    await this.press('Enter');
    await expect(dialog).toBeHidden();
  }

  /** Alt+P, then waits until presenter mode shows an item (its keys work from then on). */
  async present(): Promise<void> {
    await this.press('Alt+P');
    await expect(this.itemTitle()).toBeVisible();
  }

  /** Esc leaves presenter mode after one confirmation (Enter confirms it). */
  async leavePresenter(): Promise<void> {
    await this.press('Escape');
    const confirm = this.dialog('Leave presenter mode?');
    await expect(confirm.getByRole('button', { name: 'Leave presenter mode' })).toBeFocused();
    await this.press('Enter');
    await expect(this.presenter).toBeHidden();
  }

  async observe(text: string, kind: 'o' | 'q' = 'o'): Promise<void> {
    await this.noDialogOpen();
    await this.press(kind);
    await expect(this.composer()).toBeFocused();
    await this.type(text);
    await this.press('Enter');
    await expect(this.timeline()).toContainText(text);
    await this.press('Escape');
    await expect(this.composer()).not.toBeFocused();
  }
}
