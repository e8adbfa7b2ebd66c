// The browser entry: hydrates the server-rendered app (the server writes the props as JSON in #root's data-props).
import { StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import '@motcua/elements/theme.css';
import { App, type AppProps } from './App.js';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing');
const props = JSON.parse(root.dataset.props ?? '{}') as AppProps;
hydrateRoot(
  root,
  <StrictMode>
    <App {...props} />
  </StrictMode>,
  {
    onRecoverableError: (error) => console.error('hydration:', error),
  },
);
