-- How much each stored change matters (src/diff/materiality.ts) and the topics it touches
-- (src/diff/topic-vocabulary.ts), so the mail, the digest and every other reader of the store
-- use the one classification the diff core made. Rows stored before this migration have NULL
-- here; readers classify those again from their redline.
ALTER TABLE changes ADD COLUMN materiality TEXT CHECK (materiality IN ('substantive', 'figures', 'editorial'));
ALTER TABLE changes ADD COLUMN materiality_reason TEXT;
ALTER TABLE changes ADD COLUMN figures TEXT;   -- JSON FigureChange[] (figures changes)
ALTER TABLE changes ADD COLUMN topics TEXT;    -- JSON string[] (topic ids)
