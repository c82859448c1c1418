// Runs before the first paint: puts the saved colour scheme on <html> as the
// class MUI sets ("light" or "dark"), reading what MUI saves: the mode under
// "mui-mode", that mode's scheme under "mui-color-scheme-<mode>". For System,
// junk or no storage it does nothing: index.html's CSS follows the OS.
/* global document, localStorage */
try {
  const mode = localStorage.getItem('mui-mode');
  if (mode === 'light' || mode === 'dark') {
    const scheme = localStorage.getItem(`mui-color-scheme-${mode}`);
    document.documentElement.classList.add(scheme === 'light' || scheme === 'dark' ? scheme : mode);
  }
} catch {
  // Storage blocked: the OS scheme applies.
}
