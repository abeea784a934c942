import type en from './locales/en.ts';

/** Same keys as the English source, every leaf a string. */
export type Messages = DeepString<typeof en>;

type DeepString<T> = {
  -readonly [K in keyof T]: T[K] extends string ? string : DeepString<T[K]>;
};
