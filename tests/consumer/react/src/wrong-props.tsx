// Mistakes the wrappers' types must reject: each `@ts-expect-error` fails the type-check if the error it expects is gone
// (for example if a wrapper's props became `any`).
import { MotcuaProcedureLookup } from '@motcua/elements/react';
import { MotcuaDossierTracker } from '@motcua/elements/react/dossier-tracker';

export const wrongProps = (
  <>
    {/* @ts-expect-error pageSize is a number */}
    <MotcuaProcedureLookup pageSize="5" />
    {/* @ts-expect-error the event detail of motcua-procedure-select is { code } */}
    <MotcuaProcedureLookup onMotcuaProcedureSelect={(event) => event.detail.count} />
    {/* @ts-expect-error refresh is a number of seconds */}
    <MotcuaDossierTracker refresh={{ seconds: 30 }} />
    {/* @ts-expect-error motcua-dossier-load carries the dossier, typed */}
    <MotcuaDossierTracker onMotcuaDossierLoad={(event) => event.detail.dossier.nope} />
  </>
);
