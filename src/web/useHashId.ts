import { useEffect, useState } from 'react';

/** The record id in an address like `#/<section>/<uuid>`, kept current as the address changes; null on the list. */
export function useHashId(section: string): string | null {
  const read = () => new RegExp(`^#/${section}/([0-9a-f-]{36})`).exec(window.location.hash)?.[1] ?? null;
  const [id, setId] = useState(read);
  useEffect(() => {
    const on = () => setId(read());
    on();
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read depends only on section
  }, [section]);
  return id;
}
