/**
 * Copying to the clipboard. Only this loads with the first visit (the step's
 * Copy share link); selecting for a copy by hand and saving files are in
 * copy-and-download.ts, which loads with the documents.
 */
/** Copies text; false when the browser refuses (no permission, insecure page, old browser). */
export async function copyText(text: string): Promise<boolean> {
  try {
    // Absent on insecure pages although the DOM types say otherwise.
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (!clipboard) return false;
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
