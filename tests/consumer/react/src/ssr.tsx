// Server-side rendering in Node with react-dom/server: importing the wrappers must not touch `window`.
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { App, type AppProps } from './App.js';
import { Procedures } from './Procedures.js';

export function render(props: AppProps): string {
  return renderToString(
    <StrictMode>
      <App {...props} />
    </StrictMode>,
  );
}

/** The developer guide's snippet (Procedures.tsx, copied from docs/developer-guide.md as written). */
export const renderSnippet = (): string => renderToString(<Procedures />);
