/**
 * The number of open conflicts beside the navigation's "Conflicts" link. Decorative: the link carries
 * the count in its accessible name ("Conflicts, 3 open"), so the badge is hidden from assistive
 * technology.
 */
import { Badge } from '@mantine/core';

export function ConflictsBadge({ count }: { readonly count: number }) {
  return (
    <Badge size="sm" variant="filled" color="red.9" circle={count < 10} aria-hidden="true" data-conflict-badge={count}>
      {count}
    </Badge>
  );
}
