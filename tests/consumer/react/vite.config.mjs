// The React app's Vite config, as `npm create vite -- --template react-ts` writes it.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: false },
});
