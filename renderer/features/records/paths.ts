/** Where each kind of record is shown. */
export function recordHref(kind: string, id: string): string {
  switch (kind) {
    case 'need':
      return `/needs/${encodeURIComponent(id)}`;
    case 'offer':
      return `/offers/${encodeURIComponent(id)}`;
    case 'note':
      return `/notes/${encodeURIComponent(id)}`;
    default:
      return `/records/${encodeURIComponent(id)}`;
  }
}
