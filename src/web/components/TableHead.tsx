import type { ReactNode } from 'react';

/** `<thead>` with one column header per label (falsy labels are left out). */
export function TableHead({ labels }: { labels: (ReactNode | false)[] }) {
  return (
    <thead>
      <tr>
        {labels.map((l, i) =>
          l === false ? null : (
            <th key={i} scope="col">
              {l}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
