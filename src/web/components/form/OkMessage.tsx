import type { ReactNode } from 'react';

/** The success line of a form (after a create). */
export function OkMessage({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <p className="alert alert-ok" role="status" data-testid={testId}>
      {children}
    </p>
  );
}
