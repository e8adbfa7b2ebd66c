// Every public export of the SDK has a JSDoc comment with an @example (what typedoc publishes in docs/api).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ENTRY_POINTS = ['index.ts', 'schemas/index.ts', 'text/index.ts', 'openapi.ts', 'integration/index.ts'].map((p) =>
  fileURLToPath(new URL(p, import.meta.url)),
);

test('every export of the entry points has a JSDoc comment with an @example', () => {
  const program = ts.createProgram(ENTRY_POINTS, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const missing: string[] = [];
  let checked = 0;
  for (const entry of ENTRY_POINTS) {
    const source = program.getSourceFile(entry);
    assert.ok(source, entry);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    assert.ok(moduleSymbol, entry);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      for (const declaration of symbol.declarations ?? []) {
        if (declaration.getSourceFile().isDeclarationFile) continue;
        checked++;
        const hasExample = ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === 'example');
        if (!hasExample)
          missing.push(
            `${exported.name} (${ts.SyntaxKind[declaration.kind]}) in ${declaration.getSourceFile().fileName.split('/src/')[1]}`,
          );
      }
    }
  }
  assert.ok(checked > 100, `checked ${checked} declarations`);
  assert.deepEqual(missing, [], `exports without an @example:\n${missing.join('\n')}`);
});
