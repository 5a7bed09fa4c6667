/**
 * The block's icon: a speech bubble with two lines of text, drawn for this package (not
 * Intercom's logo). It uses `currentColor`, so the engine chooses the colour.
 */
export const INTERCOM_ICON = [
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">',
  '<path d="M5.5 3.5h13a3 3 0 0 1 3 3v8a3 3 0 0 1-3 3H11l-4.5 3.5v-3.5h-1a3 3 0 0 1-3-3v-8a3 3 0 0 1 3-3z"/>',
  '<path d="M7.5 9h9"/>',
  '<path d="M7.5 12.5h5.5"/>',
  '</svg>',
].join('')
