-- Dossiers written by anything but the demo generator are real: the generator marks its rows explicitly
-- (generated = true), so the default no longer tags an imported or pushed dossier as demo data.
ALTER TABLE dossiers ALTER COLUMN generated SET DEFAULT false;
