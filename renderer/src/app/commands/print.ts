import type { Command } from './registry';

/**
 * Prints the page on screen, whichever area it is: the print style (styles.css, `@media print`)
 * leaves out the sidebar and notices and lets the page run onto as many sheets as it needs.
 */
export const PRINT_COMMAND: Command = {
  id: 'app.print',
  title: 'Print this page',
  section: 'General',
  shortcut: 'Mod+P',
  keywords: 'print paper pdf',
  allowInTextEntry: true,
  run: () => window.print(),
};
