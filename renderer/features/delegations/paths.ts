/** Where a delegation's page is (its detail, history and verification ceremony). */
export function delegationPath(delegationId: string): string {
  return `/delegations/${encodeURIComponent(delegationId)}`;
}
