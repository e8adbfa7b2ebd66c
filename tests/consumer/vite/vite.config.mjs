// A plain Vite production build of index.html (no plugins): what a site built with Vite gets.
export default { logLevel: 'warn', build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: false } };
