import { useState, type FormEvent } from 'react';
import { invalidFields } from '../ErrorMessage.tsx';

/**
 * The state every API form has: busy while the request runs, the API error (with the invalid
 * field paths it reports), and what the last success returned (`done`).
 */
export function useApiForm<Done = true>(initialError: unknown = null) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(initialError);
  const [done, setDone] = useState<Done | null>(null);
  const bad = invalidFields(error);

  return {
    busy,
    error,
    done,
    /** The field paths the server named as invalid. */
    bad,
    /** Record a success (shown until the next submit). */
    succeed: setDone,
    /** `aria-invalid` for a control: true when the server named any of these field paths. */
    invalid: (...fields: string[]): true | undefined => (fields.some((f) => bad.has(f)) ? true : undefined),
    /** An onSubmit handler: runs `action`, keeping busy/error/done up to date. */
    onSubmit: (action: () => Promise<void>) => async (e: FormEvent) => {
      e.preventDefault();
      setBusy(true);
      setError(null);
      setDone(null);
      try {
        await action();
      } catch (err) {
        setError(err);
      } finally {
        setBusy(false);
      }
    },
  };
}
