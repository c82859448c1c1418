/** Copying a document, or selecting it to copy by hand, and saving documents as files. */
import { copyText } from './clipboard';

/**
 * Copies text or, when the browser refuses, selects it in `shownIn` so the
 * user can copy it by hand; with the message to announce either way.
 */
export async function copyOrSelect(
  text: string,
  shownIn: HTMLElement | null,
  { copied, what }: { copied: string; what: string },
): Promise<{ copied: boolean; message: string }> {
  if (await copyText(text)) return { copied: true, message: copied };
  if (shownIn) selectContents(shownIn);
  return {
    copied: false,
    message: `Your browser did not allow copying. The ${what} is selected: press Ctrl+C (⌘C on a Mac) to copy it.`,
  };
}

/** Selects an element's text (a field's value) so the user can copy it by hand. */
function selectContents(element: HTMLElement): void {
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement) {
    element.focus();
    element.select();
    return;
  }
  const selection = window.getSelection();
  if (!selection) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
  element.focus();
}

/** Saves text as a file, with exactly these bytes. */
export function downloadText(text: string, fileName: string, mimeType = 'application/json'): void {
  downloadBlob(new Blob([text], { type: mimeType }), fileName);
}

/** Saves any content (a zip archive, say) as a file. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
}
