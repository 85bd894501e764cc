/** Text for HTML element content or a double- or single-quoted attribute. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** An element id from free text (property names): letters, digits and dashes. */
export function slugId(prefix: string, s: string): string {
  return `${prefix}-${s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}
