// Type-checked by scripts/package-check.mjs in the consumer project (tsconfig.bundler.json and tsconfig.node16.json),
// against the types the four tarballs ship. documented.ts (generated) holds every import statement of the docs.
import { createClient, MotcuaHttpError, type MotcuaClient, type ProcedureSummary } from '@motcua/sdk';
import { AgencyList } from '@motcua/sdk/schemas';
import { createSearchIndex, foldVietnamese } from '@motcua/sdk/text';
import { buildOpenApiDocument } from '@motcua/sdk/openapi';
import { MotcuaElement, MotcuaProcedureLookup, registerTranslation, type Translation } from '@motcua/elements';
import '@motcua/elements/components/procedure-lookup.js';
import '@motcua/elements/components/dossier-tracker.js';
import { registerTranslation as registerEmbedTranslation, type Translation as EmbedTranslation } from '@motcua/embed';
import { startServer, type ServerConfig } from '@motcua/server';
import { DEMO_DOSSIERS } from '@motcua/server/demo-dossiers';
import { createElement, type ComponentProps } from 'react';
import { renderToString } from 'react-dom/server';
import { MotcuaProcedureLookup as ProcedureLookup } from '@motcua/elements/react/procedure-lookup';

export const client: MotcuaClient = createClient({ baseUrl: 'https://motcua.example.gov.vn/api/v1' });
export const isHttp = (error: unknown): boolean => error instanceof MotcuaHttpError && error.status === 404;
export const agencies = AgencyList;
export const folded: string = foldVietnamese('Đăng ký khai sinh');
export const index = createSearchIndex<ProcedureSummary>([]);
export const openApi: object = buildOpenApiDocument({ version: '1.0.0' });

// A component subpath declares its tag, so querySelector and createElement are typed.
export function lookup(): MotcuaProcedureLookup | null {
  const element: HTMLElementTagNameMap['motcua-procedure-lookup'] | null = document.querySelector('motcua-procedure-lookup');
  return element;
}
export const isElement = (x: unknown): x is MotcuaElement => x instanceof MotcuaElement;
const terms: Translation = { 'lookup.label': 'Tra cứu' };
registerTranslation('vi', terms);
const embedTerms: EmbedTranslation = terms;
registerEmbedTranslation('km', embedTerms);

export async function serve(config: Partial<ServerConfig>): Promise<string> {
  const server = await startServer(config);
  await server.close();
  return server.url + DEMO_DOSSIERS.length;
}

// A React wrapper: each event is a callback prop whose event detail is typed.
const lookupProps: ComponentProps<typeof ProcedureLookup> = {
  api: '/api/v1',
  onMotcuaProcedureSelect: (event) => console.log(event.detail.code),
};
export const reactMarkup: string = renderToString(createElement(ProcedureLookup, lookupProps));
