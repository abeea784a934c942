#!/usr/bin/env node
// Runs the TypeScript CLI directly from a checkout (npx sarhad …) through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
