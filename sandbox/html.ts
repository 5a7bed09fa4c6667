const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" }

/**
 * HTML to the plain text Intercom returns for `display_as=plaintext`: links become
 * `label (url)`, paragraphs and line breaks become new lines, other tags are dropped.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<a\s[^>]*href\s*=\s*"([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_match, url: string, label: string) => `${label} (${url})`)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])>\s*/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#?\w+);/g, (match, name: string) => ENTITIES[name] ?? match)
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** The words of a text (lowercase), as `source.body` search matches them one by one. */
export function words(html: string): string[] {
  return htmlToText(html)
    .toLowerCase()
    .split(/[^\p{L}\p{N}'_-]+/u)
    .filter((word) => word !== '')
}
