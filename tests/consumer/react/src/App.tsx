// A small React app written from docs/developer-guide.md ("React"): the wrappers from @motcua/elements/react with typed
// props and typed event handlers. Rendered on the server (ssr.tsx, react-dom/server) and hydrated in the browser
// (main.tsx); scripts/package-check.mjs type-checks it, builds it with Vite and loads it in Chromium.
import { useState } from 'react';
import { MotcuaPortal, MotcuaProcedureLookup } from '@motcua/elements/react';
import { MotcuaDossierTracker } from '@motcua/elements/react/dossier-tracker';
import type { DossierStatusValue } from '@motcua/sdk';

export interface AppProps {
  /** Base URL of the motcua API. */
  api: string;
  agency: string;
  /** The dossier to track. */
  code: string;
}

export function App({ api, agency, code }: AppProps) {
  const [status, setStatus] = useState<DossierStatusValue | 'loading'>('loading');
  const [selected, setSelected] = useState('');
  return (
    <MotcuaPortal api={api} agency={agency}>
      <h1>Thủ tục hành chính</h1>
      <MotcuaProcedureLookup
        query="khai sinh"
        pageSize={5}
        onMotcuaProcedureSelect={(event) => {
          event.preventDefault();
          setSelected(event.detail.code);
        }}
      />
      <p>
        Thủ tục đã chọn: <output id="selected">{selected}</output>
      </p>
      <MotcuaDossierTracker code={code} refresh={0} onMotcuaDossierLoad={(event) => setStatus(event.detail.dossier.status)} />
      <p>
        Trạng thái hồ sơ: <output id="status">{status}</output>
      </p>
    </MotcuaPortal>
  );
}
