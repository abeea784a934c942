import type { ReactNode } from 'react';

/** The primary submit button of a form: disabled and relabelled while the request runs. */
export function SubmitButton({ busy, testId, label, busyLabel }: { busy: boolean; testId: string; label: ReactNode; busyLabel: ReactNode }) {
  return (
    <button type="submit" className="btn btn-primary" disabled={busy} data-testid={testId}>
      {busy ? busyLabel : label}
    </button>
  );
}
