declare module 'virtual:motcua-manifest' {
  import type { Manifest } from '../stories/controls.js';
  const manifest: Manifest;
  export default manifest;
}
declare module 'virtual:motcua-tokens' {
  const tokens: Array<{ name: string; value: string | null; description: string }>;
  export default tokens;
}
