// What the UI offers to whom: the server's own permission table (src/domain/policy/permissions.ts,
// pure), so the UI cannot drift from it. The server still decides; this only hides what would 403.
export { can, type Action as WebAction } from '../domain/policy/permissions.ts';
