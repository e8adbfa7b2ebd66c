-- Status alerts by SMS/Zalo through the deployment's provider hook (issue 18 item 1): a subscription of kind 'sms' is
-- the owner's consent to messages to the phone number already on the dossier (read from `dossiers.phone` when a
-- message is sent; no number is stored here). Its endpoint and keys are empty. One active SMS consent per dossier.
ALTER TABLE push_subscriptions ADD COLUMN kind text NOT NULL DEFAULT 'push';
CREATE UNIQUE INDEX push_subscriptions_sms ON push_subscriptions (dossier_code) WHERE kind = 'sms' AND ended_at IS NULL;
